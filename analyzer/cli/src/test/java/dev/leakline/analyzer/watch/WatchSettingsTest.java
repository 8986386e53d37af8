package dev.leakline.analyzer.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import jdk.jfr.Configuration;
import org.junit.jupiter.api.Test;

/** The recording watch starts uses the Leakline settings the library ships, plus exactly what watch itself needs. */
class WatchSettingsTest {
    @Test
    void theLibrarysSettingsPlusJvmInformationAndFlush() throws Exception {
        Map<String, String> shipped;
        try (Reader jfc = new InputStreamReader(WatchSettingsTest.class.getClassLoader()
                .getResourceAsStream("dev/leakline/jfr/leakline.jfc"), StandardCharsets.UTF_8)) {
            shipped = Configuration.create(jfc).getSettings();
        }
        Map<String, String> expected = new HashMap<>(shipped);
        expected.put("jdk.JVMInformation#enabled", "true");
        expected.put("jdk.JVMInformation#period", "beginChunk");
        expected.put("jdk.Flush#enabled", "true");
        expected.put("jdk.Flush#threshold", "0 ns");

        assertThat(WatchSettings.settings()).isEqualTo(expected);
        assertThat(shipped).containsEntry("leakline.ResponseOpened#stackTrace", "true");
    }
}
