package dev.leakline.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakline.agent.programs.JdkFourCases;
import dev.leakline.jfr.testsupport.LoopbackServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The agent jar of this build, given with {@code -javaagent} to a child JVM running an unmodified program
 * ({@link JdkFourCases}) against a real server on 127.0.0.1, recorded with plain
 * {@code -XX:StartFlightRecording} (no Leakline settings file: the events are on by default). Each response
 * gets exactly the events the hand-wrapped clients give in the core's {@code FourCasesTest}, and its opening
 * names the program's own line.
 */
class JdkClientsUnderAgentIT {
    private static final int REQUESTS = 3;
    private static final Path PROGRAM_SOURCE =
            Path.of("src/test/java/dev/leakline/agent/programs/JdkFourCases.java");

    @TempDir
    Path dir;

    static Stream<Arguments> runs() {
        List<Arguments> runs = new ArrayList<>();
        for (Jdk jdk : Jdk.all()) {
            runs.add(Arguments.of(jdk, "java-http", "java.net.http", "http"));
            runs.add(Arguments.of(jdk, "urlconnection", "HttpURLConnection", "connection"));
        }
        return runs.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("runs")
    void fourCasesGetTheHandWrappedVerdictsAtTheProgramsLines(Jdk jdk, String client, String clientField,
            String prefix) throws Exception {
        Path recording = dir.resolve("agent.jfr");
        ChildJvm child;
        String url;
        try (LoopbackServer server = new LoopbackServer()) {
            url = server.uri("/body");
            child = ChildJvm.run(jdk,
                    List.of("-javaagent:" + ChildJvm.agentJar(), "-XX:StartFlightRecording:filename=" + recording),
                    ChildJvm.programClasses().toString(), JdkFourCases.class.getName(), client, url,
                    String.valueOf(REQUESTS));
        }
        assertThat(child.exitCode()).as(child.stderr()).isZero();
        assertThat(child.agentLines()).isEmpty();

        // The same sequences as the hand-wrapped path (core FourCasesTest.Case), per case method.
        Map<String, List<String>> expected = Map.of(
                prefix + "NeitherReadNorClosed", List.of("opened"),
                prefix + "ClosedUnread", List.of("opened", "closed"),
                prefix + "ReadNotClosed", List.of("opened", "drained"),
                prefix + "ReadAndClosed", List.of("opened", "drained", "closed"));
        Map<Long, List<RecordedEvent>> responses = Recordings.byResponse(Recordings.leaklineEvents(recording));
        assertThat(responses).hasSize(4 * REQUESTS);
        Map<String, Integer> seen = new java.util.HashMap<>();
        for (List<RecordedEvent> events : responses.values()) {
            RecordedEvent opened = events.get(0);
            assertThat(opened.getString("client")).isEqualTo(clientField);
            assertThat(opened.getString("uri")).isEqualTo(url);
            assertThat(opened.getInt("status")).isEqualTo(200);
            assertThat(opened.getLong("contentLength")).isEqualTo(LoopbackServer.BODY_LENGTH);

            RecordedFrame site = Recordings.firstApplicationFrame(opened);
            String method = site.getMethod().getName();
            assertThat(site.getMethod().getType().getName()).isEqualTo(JdkFourCases.class.getName());
            assertThat(expected).containsKey(method);
            assertThat(site.getLineNumber()).as(method).isEqualTo(Recordings.lineOf(PROGRAM_SOURCE, method));
            assertThat(Recordings.kinds(events)).as(method).isEqualTo(expected.get(method));
            seen.merge(method, 1, Integer::sum);
        }
        assertThat(seen).containsOnlyKeys(expected.keySet()).allSatisfy((m, n) -> assertThat(n).isEqualTo(REQUESTS));
    }
}
