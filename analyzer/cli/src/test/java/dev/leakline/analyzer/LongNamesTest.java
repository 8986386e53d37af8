package dev.leakline.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.leakline.jfr.Leakline;

/**
 * Names the application controls are shown capped at 1,024 characters in every report. The Leakline library caps
 * pools, methods and URIs itself; thread names reach the recording whole (JFR keeps them), so a thread with a
 * 200,000-character name, alive at the end and opening a leaked response, carries the check here. Before, each
 * report repeated the whole name wherever it showed the thread.
 */
class LongNamesTest {
    private static final String NAME = "worker-" + "x".repeat(200_000);
    private static final String CAPPED = NAME.substring(0, 1023) + "\u2026";
    private static final String UNCAPPED_RUN = "x".repeat(1024);

    @TempDir
    static Path dir;
    static Path recording;

    @BeforeAll
    static void record() throws Exception {
        CountDownLatch end = new CountDownLatch(1);
        CountDownLatch opened = new CountDownLatch(1);
        Thread worker = new Thread(() -> {
            Leakline.responseOpened("c", "pool", 0, "GET", "http://h/leak", 200, "HTTP/1.1", 1);
            opened.countDown();
            try {
                end.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, NAME);
        recording = TestRecordings.record(dir, "long-names.jfr", () -> {
            worker.start();
            opened.await();
        });
        end.countDown();
        worker.join();
    }

    @Test
    void jsonCapsTheThreadName() throws Exception {
        Cli.Result result = Cli.run("analyze", "--format", "json", "--min-age", "0ms", recording);

        assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
        JsonNode report = new ObjectMapper().readTree(result.out());
        assertThat(report.at("/responses/0/threadName").asText()).isEqualTo(CAPPED);
        assertThat(report.at("/threads/aliveAtEnd/0/namePattern").asText()).isEqualTo(CAPPED);
        assertThat(result.out()).doesNotContain(UNCAPPED_RUN);
    }

    @Test
    void textCapsTheThreadName() {
        Cli.Result result = Cli.run("analyze", "--min-age", "0ms", recording);

        assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
        assertThat(result.out()).contains("1 x " + CAPPED).doesNotContain(UNCAPPED_RUN);
    }

    @Test
    void timelineAndHtmlCapTheThreadName() throws Exception {
        Cli.Result timeline = Cli.run("timeline", "--min-age", "0ms", recording);
        assertThat(timeline.exitCode()).as(timeline.err()).isEqualTo(1);
        assertThat(timeline.out()).contains("worker-xxx").doesNotContain(UNCAPPED_RUN);

        Path html = dir.resolve("report.html");
        Cli.Result report = Cli.run("report", "--min-age", "0ms", "-o", html, recording);
        assertThat(report.exitCode()).as(report.err()).isEqualTo(1);
        String page = Files.readString(html, StandardCharsets.UTF_8);
        assertThat(page).contains(CAPPED).doesNotContain(UNCAPPED_RUN);
    }
}
