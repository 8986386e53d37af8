package dev.leakline.jfr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakline.jfr.testing.Recorder;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import jdk.jfr.Configuration;
import org.junit.jupiter.api.Test;

/** The shipped {@code leakline.jfc}: one file, two places, valid for JFR, enabling what it promises. */
class SettingsFileTest {

    @Test
    void jarResourceEqualsTheCopyInDocs() throws Exception {
        byte[] resource;
        try (InputStream in = getClass().getResourceAsStream("/dev/leakline/jfr/leakline.jfc")) {
            assertThat(in).as("leakline.jfc on the classpath").isNotNull();
            resource = in.readAllBytes();
        }
        // Surefire runs in the module's directory and sets basedir; docs/ is two levels up.
        Path docs = Path.of(System.getProperty("basedir", ".")).resolve("../../docs/leakline.jfc");
        assertThat(Files.readAllBytes(docs)).isEqualTo(resource);
    }

    @Test
    void jfrAcceptsItAndItEnablesTheLeaklineEventsAndThreadEvents() throws Exception {
        Configuration configuration = Recorder.leaklineConfiguration();
        Map<String, String> settings = configuration.getSettings();
        for (String event : new String[] {"leakline.RequestStarted", "leakline.ResponseOpened", "leakline.ResponseDrained",
                "leakline.ResponseClosed", "leakline.ConnectionReleased", "jdk.ThreadStart", "jdk.ThreadEnd"}) {
            assertThat(settings).containsEntry(event + "#enabled", "true");
        }
        assertThat(settings).containsEntry("leakline.ResponseOpened#stackTrace", "true");
        assertThat(settings).containsEntry("leakline.RequestStarted#stackTrace", "true");
        assertThat(settings).containsEntry("leakline.RequestStarted#threshold", "0 ms");
        assertThat(settings).containsEntry("jdk.ThreadStart#stackTrace", "true");
        assertThat(configuration.getLabel()).isEqualTo("Leakline");
    }
}
