package dev.leakline.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.leakline.jfr.Actor;
import dev.leakline.jfr.Leakline;
import dev.leakline.jfr.TrackedResponse;
import jdk.jfr.Recording;

/**
 * Recordings whose chunks do not name their JVM ({@code jdk.JVMInformation} not enabled, as with
 * {@code settings=leakline.jfc} alone, or lost with a chunk): the analyzer tells JVM runs apart by the clock origin
 * every chunk header carries, so one JVM's files pair with each other, two JVMs' files never do, and a run is never
 * split into a "pid ?" twin.
 */
class RunsWithoutJvmInformationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** A recording of the Leakline and thread events only: no jdk.JVMInformation. */
    private static Recording anonymous() {
        Recording recording = new Recording();
        recording.enable("leakline.ResponseOpened").withStackTrace();
        recording.enable("leakline.ResponseDrained");
        recording.enable("leakline.ResponseClosed");
        recording.enable("leakline.ConnectionReleased");
        recording.enable("jdk.ThreadStart").withStackTrace();
        recording.enable("jdk.ThreadEnd");
        return recording;
    }

    @Test
    void aResponseOpenedInOneFileAndClosedInTheNextPairs() throws Exception {
        Path first = dir.resolve("first.jfr");
        Path second = dir.resolve("second.jfr");
        TrackedResponse response;
        try (Recording recording = anonymous()) {
            recording.start();
            response = Leakline.responseOpened("c", 0, "GET", "http://h/across-files", 200, "HTTP/1.1", 10);
            recording.stop();
            recording.dump(first);
        }
        try (Recording recording = anonymous()) {
            recording.start();
            response.bodyRead(10);
            response.closed(Actor.APPLICATION);
            recording.stop();
            recording.dump(second);
        }

        Cli.Result result = Cli.run("analyze", "--format", "json", "--min-age", "1h", first, second);

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode report = JSON.readTree(result.out());
        assertThat(report.at("/recording/runs")).hasSize(1);
        assertThat(report.at("/summary/orphans").asLong()).isZero();
        assertThat(report.at("/summary/verdicts/clean").asLong()).isEqualTo(1);
        assertThat(report.at("/summary/verdicts/in_flight").asLong()).isZero();
    }

    private Path recordChild(String mode, long sleepMillis) throws Exception {
        Path file = dir.resolve(mode + ".jfr");
        Path settings = Path.of(System.getProperty("leakline.repoRoot", "../..")).resolve("docs/leakline.jfc")
                .toAbsolutePath().normalize();
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:StartFlightRecording:filename=" + file + ",settings=" + settings, "-Xlog:jfr=warning",
                "-cp", System.getProperty("java.class.path"), ChildJvmScenario.class.getName(), mode,
                String.valueOf(sleepMillis))
                .redirectErrorStream(true).redirectOutput(dir.resolve(mode + ".log").toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(dir.resolve(mode + ".log"))).isZero();
        return file;
    }

    @Test
    void twoJvmsFilesConcatenatedKeepBothResponses() throws Exception {
        // Both JVMs number their first response 1; neither file names its JVM.
        Path leaking = recordChild("leak", 1200);
        Path closing = recordChild("close", 50);
        Path both = TestRecordings.concat(dir.resolve("both.jfr"), leaking, closing);

        Cli.Result result = Cli.run("analyze", "--format", "json", "--min-age", "500ms", both);

        assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(1);
        JsonNode report = JSON.readTree(result.out());
        assertThat(report.at("/recording/runs")).hasSize(2);
        assertThat(report.at("/summary/verdicts/leaked").asLong()).isEqualTo(1);
        assertThat(report.at("/summary/verdicts/closed_unread").asLong()).isEqualTo(1);
        assertThat(report.at("/summary/orphans").asLong()).isZero();
    }

    @Test
    void aRunWhoseFirstFileDoesNotNameItsJvmIsOneRunAndCountsItsThreadsOnce() throws Exception {
        Path first = dir.resolve("unnamed.jfr");
        Path second = dir.resolve("named.jfr");
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch secondRecording = new CountDownLatch(1);
        CountDownLatch wrote = new CountDownLatch(1);
        Thread worker = new Thread(() -> {
            started.countDown();
            try {
                secondRecording.await();
                // An event in the second recording: the thread is seen there too.
                TrackedResponse r = Leakline.responseOpened("c", 0, "GET", "http://h/worker", 200, "HTTP/1.1", 1);
                r.bodyRead(1);
                r.closed(Actor.APPLICATION);
                wrote.countDown();
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "twin-check-worker");
        worker.setDaemon(true);
        try {
            try (Recording recording = anonymous()) {
                recording.start();
                worker.start();
                started.await();
                recording.stop();
                recording.dump(first);
            }
            Path named = TestRecordings.record(dir, "named.jfr", () -> {
                secondRecording.countDown();
                wrote.await();
            });
            assertThat(named).isEqualTo(second);

            Cli.Result result = Cli.run("analyze", "--format", "json", "--min-age", "1h", first, second);

            assertThat(result.exitCode()).as(result.err()).isZero();
            JsonNode report = JSON.readTree(result.out());
            assertThat(report.at("/recording/runs")).as(report.at("/recording/runs").toString()).hasSize(1);
            long workers = 0;
            for (JsonNode g : report.at("/threads/aliveAtEnd")) {
                if (g.path("namePattern").asText().equals("twin-check-worker")) {
                    workers += g.path("count").asLong();
                }
            }
            assertThat(workers).as("twin-check-worker threads alive at the end").isEqualTo(1);
        } finally {
            worker.interrupt();
            worker.join(5_000);
        }
    }
}
