package dev.leakline.analyzer.robust;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.leakline.jfr.Actor;
import dev.leakline.jfr.Leakline;
import dev.leakline.jfr.TrackedResponse;
import jdk.jfr.Recording;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recording started mid-traffic (for example {@code jcmd JFR.start} while a continuous recording already runs):
 * responses opened before it started must not be reported as leaks, and the closes it does see for them are counted
 * as orphans.
 */
class MidTrafficTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void responsesOpenedBeforeTheRecordingAreNotLeaksAndTheirClosesAreOrphans() throws Exception {
        Path file = dir.resolve("mid-traffic.jfr");
        List<TrackedResponse> before = new ArrayList<>();
        TrackedResponse during;
        try (Recording continuous = SourceRecordings.leaklineRecording()) {
            continuous.start();
            for (int i = 0; i < 4; i++) {
                before.add(Leakline.responseOpened("robust", 0, "GET", "http://127.0.0.1/before/" + i, 200,
                        "HTTP/1.1", 4));
            }
            try (Recording late = SourceRecordings.leaklineRecording()) {
                late.start();
                // Two of the earlier responses finish while the late recording runs; two stay open forever.
                before.get(0).closed(Actor.APPLICATION);
                try (InputStream body = Leakline.trackBody(new ByteArrayInputStream(new byte[4]), before.get(1))) {
                    body.readAllBytes();
                }
                during = Leakline.responseOpened("robust", 0, "GET", "http://127.0.0.1/during", 200, "HTTP/1.1", 4);
                try (InputStream body = Leakline.trackBody(new ByteArrayInputStream(new byte[4]), during)) {
                    body.readAllBytes();
                }
                Thread.sleep(20); // older than --min-age below, so an open response would count as leaked
                late.stop();
                late.dump(file);
            }
        }

        RobustCli.Run run;
        try (RobustCli cli = new RobustCli(Duration.ofSeconds(60))) {
            run = cli.run("analyze", "--format", "json", "--min-age", "10ms", file.toString());
        }
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.path("summary").path("verdicts").path("leaked").asLong()).isZero();
        List<Long> reported = new ArrayList<>();
        report.path("responses").forEach(r -> reported.add(r.path("responseId").asLong()));
        assertThat(reported).doesNotContainAnyElementsOf(before.stream().map(TrackedResponse::id).toList());
        List<Long> orphans = new ArrayList<>();
        report.path("orphans").forEach(o -> orphans.add(o.path("responseId").asLong()));
        assertThat(orphans).containsExactlyInAnyOrder(before.get(0).id(), before.get(1).id());
        assertThat(report.path("summary").path("orphans").asLong()).isEqualTo(2);
        assertThat(report.path("summary").path("responses").asLong()).as("only the one opened during it").isEqualTo(1);
        before.get(2).closed(Actor.APPLICATION);
        before.get(3).closed(Actor.APPLICATION);
    }
}
