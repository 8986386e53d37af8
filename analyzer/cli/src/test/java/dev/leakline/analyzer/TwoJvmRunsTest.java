package dev.leakline.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Response ids restart in every JVM: two recordings of two JVMs with the same ids must not pair with each other. */
class TwoJvmRunsTest {
    @TempDir
    Path dir;

    private Path recordChild(String mode, long sleepMillis) throws Exception {
        Path file = dir.resolve(mode + ".jfr");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:StartFlightRecording:filename=" + file + ",settings=default", "-Xlog:jfr=warning",
                "-cp", System.getProperty("java.class.path"), ChildJvmScenario.class.getName(), mode,
                String.valueOf(sleepMillis))
                .redirectErrorStream(true).redirectOutput(dir.resolve(mode + ".log").toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(java.nio.file.Files.readString(dir.resolve(mode + ".log"))).isZero();
        return file;
    }

    @Test
    void sameIdsInTwoJvmRunsAreTwoResponses() throws Exception {
        Path leaking = recordChild("leak", 1200);
        Path closing = recordChild("close", 50);

        Cli.Result result = Cli.run("analyze", "--format", "json", "--min-age", "500ms", leaking, closing);

        assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
        JsonNode report = new ObjectMapper().readTree(result.out());
        assertThat(report.at("/recording/runs")).hasSize(2);
        assertThat(report.at("/summary/verdicts/leaked").asLong()).isEqualTo(1);
        assertThat(report.at("/summary/verdicts/closed_unread").asLong()).isEqualTo(1);
        assertThat(report.at("/summary/orphans").asLong()).isZero();
        JsonNode leaked = report.at("/responses/0").get("verdict").asText().equals("leaked")
                ? report.at("/responses/0") : report.at("/responses/1");
        assertThat(leaked.get("uri").asText()).isEqualTo("http://h/leak");
        assertThat(leaked.get("responseId").asLong()).isEqualTo(1);
    }
}
