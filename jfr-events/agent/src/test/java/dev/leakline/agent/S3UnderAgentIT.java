package dev.leakline.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakline.agent.programs.S3Leak;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AWS SDK v2's S3 client (default apache-client, {@code maxConnections} 3) in an unmodified program under the
 * agent, against a real S3-compatible server on 127.0.0.1 ({@link S3Proxy}): three {@code getObject} streams never closed exhaust the pool and the next request fails with
 * "Timeout waiting for connection from pool". The recording names the program's {@code getObject} lines: three
 * leaks at the leaking line, never released, and a clean read at the try-with-resources line.
 */
class S3UnderAgentIT {
    private static final int MAX_CONNECTIONS = 3;
    /** How long the program runs on after the pool timed out; the analysis is asked for leaks older than half that. */
    private static final long KEEP_RUNNING_MILLIS = 3000;
    private static final String MIN_AGE = "1500ms";
    /** Large enough that a stream left unread holds data the connection still has to deliver. */
    private static final byte[] REPORT = "day,orders\n".repeat(4000).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final Path PROGRAM_SOURCE = Path.of("src/test/java/dev/leakline/agent/programs/S3Leak.java");

    @TempDir
    Path dir;

    @Test
    void neverClosedGetObjectStreamsExhaustThePoolAndTheRecordingNamesTheLine() throws Exception {
        Path recording = dir.resolve("s3.jfr");
        ChildJvm child;
        String endpoint;
        try (S3Proxy s3 = new S3Proxy(dir)) {
            endpoint = s3.endpoint();
            s3.put("reports", "daily.csv", REPORT);
            child = ChildJvm.run(Jdk.all().get(0),
                    List.of("-javaagent:" + ChildJvm.agentJar(), "-XX:StartFlightRecording:filename=" + recording),
                    sdkClassPath(), S3Leak.class.getName(), endpoint, String.valueOf(MAX_CONNECTIONS),
                    String.valueOf(KEEP_RUNNING_MILLIS));
        }
        assertThat(child.exitCode()).as(child.stderr()).isZero();
        assertThat(child.agentLines()).isEmpty();
        assertThat(child.stdout()).contains("failed: Unable to execute HTTP request: Timeout waiting for connection from pool");

        Map<Long, List<RecordedEvent>> responses = Recordings.withReleases(Recordings.leaklineEvents(recording));
        Map<String, List<List<String>>> kindsBySite = responses.values().stream().collect(Collectors.groupingBy(
                events -> site(Recordings.opened(events)),
                Collectors.mapping(Recordings::detailedKinds, Collectors.toList())));
        int leakLine = Recordings.lineOf(PROGRAM_SOURCE, "leakReport");
        int readLine = Recordings.lineOf(PROGRAM_SOURCE, "readReport");
        assertThat(kindsBySite).containsOnlyKeys("leakReport:" + leakLine, "readReport:" + readLine);
        assertThat(kindsBySite.get("leakReport:" + leakLine))
                .containsExactly(List.of("opened"), List.of("opened"), List.of("opened"));
        // The clean read: drained by the application's read, the connection back in the pool, then closed; all
        // its bytes counted.
        assertThat(kindsBySite.get("readReport:" + readLine))
                .containsExactly(List.of("opened", "drained:application", "released:pooled", "closed:application"));
        assertThat(responses.values().stream().flatMap(List::stream)
                .filter(e -> e.getEventType().getName().equals("leakline.ResponseDrained"))
                .map(e -> e.getLong("bytesRead"))).containsExactly((long) REPORT.length);
        responses.values().forEach(events -> {
            assertThat(events.get(0).getString("client")).isEqualTo("apache-httpclient4");
            assertThat(events.get(0).getString("pool")).isEqualTo(endpoint);
            assertThat(events.get(0).getString("uri")).isEqualTo(endpoint + "/reports/daily.csv");
        });
        analyzerNamesTheLineAndDrawsThePoolFull(recording, endpoint);
    }

    /**
     * {@code leakline analyze} and {@code leakline timeline} (the analyzer's runnable jar, in a child process) on
     * the same recording: the program's leaking {@code getObject} line named with its three leaks, the
     * try-with-resources line clean, and the SDK's pool (three connections) drawn full.
     */
    private static void analyzerNamesTheLineAndDrawsThePoolFull(Path recording, String endpoint) throws Exception {
        int leakLine = Recordings.lineOf(PROGRAM_SOURCE, "leakReport");
        int readLine = Recordings.lineOf(PROGRAM_SOURCE, "readReport");
        ChildJvm analyze = analyzer("analyze", "--min-age", MIN_AGE, recording.toString());
        assertThat(analyze.exitCode()).as(analyze.stderr()).isEqualTo(1); // 1: leaks found
        String leakSite = "S3Leak.leakReport(S3Leak.java:" + leakLine + ")";
        assertThat(analyze.stdout()).startsWith("Leakline: 3 leaked responses at 1 site (min age " + MIN_AGE + ")")
                .contains("1. " + leakSite + "\n   in dev.leakline.agent.programs\n")
                .contains("   leaked 3 (apache-httpclient4)")
                .contains("pool " + endpoint)
                .contains(leakSite + "\n  leaked 3\n")
                .contains("S3Leak.readReport(S3Leak.java:" + readLine + ")\n  clean 1\n")
                .contains("Totals: 4 responses: leaked 3, uncertain 0, in flight 0, closed unread 0,");
        ChildJvm timeline = analyzer("timeline", "--ascii", "--min-age", MIN_AGE, recording.toString());
        assertThat(timeline.exitCode()).as(timeline.stderr()).isEqualTo(1);
        assertThat(timeline.stdout()).contains("pool " + endpoint + "\noutstanding peak " + MAX_CONNECTIONS
                + ", connections held peak " + MAX_CONNECTIONS + ", leaked 3\n");
    }

    private static ChildJvm analyzer(String... args) throws Exception {
        String jar = System.getProperty("leakline.analyzer.jar");
        assertThat(jar).as("leakline.analyzer.jar (set by the module's failsafe configuration)").isNotBlank();
        assertThat(Path.of(jar)).exists();
        List<String> command = new java.util.ArrayList<>(List.of("-jar", jar));
        command.addAll(List.of(args));
        return ChildJvm.run(Jdk.all().get(0), command, null, null);
    }

    private static String site(RecordedEvent opened) {
        RecordedFrame frame = Recordings.firstApplicationFrame(opened);
        assertThat(frame.getMethod().getType().getName()).isEqualTo(S3Leak.class.getName());
        return frame.getMethod().getName() + ":" + frame.getLineNumber();
    }

    /** The program and the SDK with its dependencies; nothing of Leakline. */
    private static String sdkClassPath() throws Exception {
        List<String> entries = new java.util.ArrayList<>();
        entries.add(ChildJvm.programClasses().toString());
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (!entry.contains("leakline") && !entry.contains("/target/") && !entry.contains("junit")
                    && !entry.contains("assertj") && !entry.contains("surefire") && !entry.contains("failsafe")) {
                entries.add(entry);
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }
}
