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
 * agent: three {@code getObject} streams never closed exhaust the pool and the next request fails with
 * "Timeout waiting for connection from pool". The recording names the program's {@code getObject} lines: three
 * leaks at the leaking line, never released, and a clean read at the try-with-resources line.
 */
class S3UnderAgentIT {
    private static final int MAX_CONNECTIONS = 3;
    private static final Path PROGRAM_SOURCE = Path.of("src/test/java/dev/leakline/agent/programs/S3Leak.java");

    @TempDir
    Path dir;

    @Test
    void neverClosedGetObjectStreamsExhaustThePoolAndTheRecordingNamesTheLine() throws Exception {
        Path recording = dir.resolve("s3.jfr");
        ChildJvm child;
        String endpoint;
        try (S3Stub s3 = new S3Stub()) {
            endpoint = s3.endpoint();
            child = ChildJvm.run(Jdk.all().get(0),
                    List.of("-javaagent:" + ChildJvm.agentJar(), "-XX:StartFlightRecording:filename=" + recording),
                    sdkClassPath(), S3Leak.class.getName(), endpoint, String.valueOf(MAX_CONNECTIONS));
        }
        assertThat(child.exitCode()).as(child.stderr()).isZero();
        assertThat(child.agentLines()).isEmpty();
        assertThat(child.stdout()).contains("failed: Unable to execute HTTP request: Timeout waiting for connection from pool");

        Map<Long, List<RecordedEvent>> responses = Recordings.withReleases(Recordings.leaklineEvents(recording));
        Map<String, List<List<String>>> kindsBySite = responses.values().stream().collect(Collectors.groupingBy(
                events -> site(events.get(0)),
                Collectors.mapping(Recordings::detailedKinds, Collectors.toList())));
        int leakLine = Recordings.lineOf(PROGRAM_SOURCE, "leakReport");
        int readLine = Recordings.lineOf(PROGRAM_SOURCE, "readReport");
        assertThat(kindsBySite).containsOnlyKeys("leakReport:" + leakLine, "readReport:" + readLine);
        assertThat(kindsBySite.get("leakReport:" + leakLine))
                .containsExactly(List.of("opened"), List.of("opened"), List.of("opened"));
        // The clean read: drained by the application's read, the connection back in the pool, then closed.
        assertThat(kindsBySite.get("readReport:" + readLine))
                .containsExactly(List.of("opened", "drained:application", "released:pooled", "closed:application"));
        responses.values().forEach(events -> {
            assertThat(events.get(0).getString("client")).isEqualTo("apache-httpclient4");
            assertThat(events.get(0).getString("pool")).isEqualTo(endpoint);
            assertThat(events.get(0).getString("uri")).isEqualTo(endpoint + "/reports/daily.csv");
        });
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
