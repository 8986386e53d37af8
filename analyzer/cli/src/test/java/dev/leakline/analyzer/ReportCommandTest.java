package dev.leakline.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code leakline report -o} through the real command line on the java.net.http service recording. */
class ReportCommandTest {
    static Path service;
    static String leakSite;

    @TempDir
    Path dir;

    @BeforeAll
    static void service() throws Exception {
        Path recordings = Path.of(System.getProperty("leakline.repoRoot", "../.."))
                .resolve("recordings/jdk17/java-net-http").normalize();
        service = recordings.resolve("service.jfr");
        JsonNode truth = new ObjectMapper().readTree(recordings.resolve("service.truth.json").toFile());
        for (JsonNode r : truth.path("responses")) {
            if (r.path("expected").asText().equals("leaked")) {
                leakSite = r.path("site").asText();
            }
        }
    }

    @Test
    void writesOneSelfContainedPageWithTheLeakSite() throws Exception {
        Path html = dir.resolve("report.html");
        Files.writeString(html, "an older report, to be overwritten");
        Cli.Result result = Cli.run("report", service, "-o", html);
        assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
        assertThat(result.out()).contains("Wrote " + html);
        String page = Files.readString(html, StandardCharsets.UTF_8);
        assertThat(page).startsWith("<!DOCTYPE html>").doesNotContain("an older report")
                .contains(leakSite).contains("<svg").contains("java.net.http 127.0.0.1:")
                .doesNotContain("<script").doesNotContainIgnoringCase("http-equiv=\"refresh\"");
        // Nothing is fetched when the page is opened: no external sources or stylesheets.
        assertThat(page).doesNotContain("src=\"http").doesNotContain("href=\"http").doesNotContain("@import");
    }

    @Test
    void aMissingDirectoryIsAClearUsageError() {
        Path html = dir.resolve("no-such-dir").resolve("report.html");
        Cli.Result result = Cli.run("report", service, "-o", html);
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("does not exist").contains("no-such-dir");
        assertThat(html).doesNotExist();
    }

    @Test
    void theOutputIsRequired() {
        Cli.Result result = Cli.run("report", service);
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--output");
    }

    @Test
    void unreadableInputWritesNothing() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.jfr"), "not a recording");
        Path html = dir.resolve("report.html");
        Cli.Result result = Cli.run("report", junk, "-o", html);
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(html).doesNotExist();
    }
}
