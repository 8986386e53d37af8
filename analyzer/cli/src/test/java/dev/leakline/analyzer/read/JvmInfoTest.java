package dev.leakline.analyzer.read;

import dev.leakline.engine.event.JvmInfo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The JVM facts from values other JDKs and systems write (the bundled recordings, all from Linux, are checked in
 * {@code JvmFactsTest}): missing parts stay unknown instead of becoming wrong text.
 */
class JvmInfoTest {
    @Test
    void aVersionWithoutItsJreAndAnOsWithoutOsReleaseKeepWhatTheySay() {
        JvmInfo info = JvmInfo.of("Eclipse OpenJ9 VM", "openj9-0.46.0", "Bsduname: Darwin 23.4.0\nOS: macOS 14.4\n");

        assertThat(info.jvmVersion()).isNull();
        assertThat(info.javaVersion()).isNull();
        assertThat(info.summary()).isEqualTo("Eclipse OpenJ9 VM");
        assertThat(info.os()).isEqualTo("Bsduname: Darwin 23.4.0");
    }

    @Test
    void theRuntimeVersionIsTheJrePartAndTheVmVersionStandsInWhenItIsMissing() {
        JvmInfo both = JvmInfo.of("VM", "VM (25.0.1+8-vm) for linux-aarch64 JRE (25.0.1+8), built on x", null);
        JvmInfo vmOnly = JvmInfo.of(null, "VM (21.0.2+13) for windows-amd64", "   ");

        assertThat(both.jvmVersion()).isEqualTo("25.0.1+8-vm");
        assertThat(both.javaVersion()).isEqualTo("25.0.1+8");
        assertThat(both.summary()).isEqualTo("VM 25.0.1+8");
        assertThat(vmOnly.summary()).isEqualTo("21.0.2+13");
        assertThat(vmOnly.os()).isNull();
    }

    @Test
    void aLongOsLineIsCut() {
        JvmInfo info = JvmInfo.of("VM", null, "x".repeat(500));

        assertThat(info.os()).hasSizeLessThan(130).endsWith("...");
    }
}
