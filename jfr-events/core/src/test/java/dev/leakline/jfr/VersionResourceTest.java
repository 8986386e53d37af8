package dev.leakline.jfr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/**
 * The core carries the build's version in {@code dev/leakline/jfr/leakline-version.properties} (filled in by Maven's
 * resource filtering), so the agent, which bundles the core, prints the same version as {@code leakline --version}.
 */
class VersionResourceTest {
    @Test
    void versionResourceHoldsThePomVersion() throws Exception {
        String expected = System.getProperty("leakline.expectedVersion");
        assertThat(expected).as("set by surefire from ${project.version}").isNotBlank().doesNotContain("${");
        Properties properties = new Properties();
        try (InputStream in = Leakline.class.getResourceAsStream("leakline-version.properties")) {
            assertThat(in).as("dev/leakline/jfr/leakline-version.properties on the classpath").isNotNull();
            properties.load(in);
        }

        assertThat(properties.getProperty("version")).isEqualTo(expected);
    }
}
