package dev.leakline.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code leakline --version} prints the pom's version, handed to the test by Maven, not a string in the code. */
class VersionTest {
    @Test
    void versionIsThePomVersion() {
        String expected = System.getProperty("leakline.expectedVersion");
        assertThat(expected).as("set by surefire from ${project.version}").isNotBlank().doesNotContain("${");

        Cli.Result result = Cli.run("--version");

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.out()).isEqualTo("leakline " + expected + System.lineSeparator());
    }
}
