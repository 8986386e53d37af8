package dev.leakline.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakline.agent.programs.OkHttpFourCases;
import dev.leakline.jfr.testsupport.LoopbackServer;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * OkHttp ({@code new OkHttpClient()}) in an unmodified program under the agent, on JDK 17 and 25: per response,
 * exactly the events the hand-wrapped adapter gives in {@code jfr-events/okhttp}'s {@code FourCasesTest}, with
 * pool returns and connection ids, at the program's own lines. The child's class path holds the program and
 * OkHttp only.
 */
class OkHttpUnderAgentIT {
    private static final int REQUESTS = 3;
    private static final Path PROGRAM_SOURCE =
            Path.of("src/test/java/dev/leakline/agent/programs/OkHttpFourCases.java");

    @TempDir
    Path dir;

    static Stream<Jdk> jdks() {
        return Jdk.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void fourCasesGetTheHandWrappedEventsWithPoolReturns(Jdk jdk) throws Exception {
        Path recording = dir.resolve("okhttp.jfr");
        ChildJvm child;
        String origin;
        try (LoopbackServer server = new LoopbackServer()) {
            origin = server.origin();
            child = ChildJvm.run(jdk,
                    List.of("-javaagent:" + ChildJvm.agentJar(), "-XX:StartFlightRecording:filename=" + recording),
                    programClassPath(), OkHttpFourCases.class.getName(), server.uri("/body"), String.valueOf(REQUESTS));
        }
        assertThat(child.exitCode()).as(child.stderr()).isZero();
        assertThat(child.agentLines()).isEmpty();

        // As jfr-events/okhttp FourCasesTest asserts them for the hand-wrapped client.
        Map<String, List<String>> expected = Map.of(
                "okNeitherReadNorClosed", List.of("opened"),
                "okClosedUnread", List.of("opened", "closed:application", "drained:library", "released:pooled"),
                "okReadNotClosed", List.of("opened", "released:pooled", "drained:application"),
                "okReadAndClosed", List.of("opened", "released:pooled", "drained:application", "closed:application"));
        Map<Long, List<RecordedEvent>> responses = Recordings.withReleases(Recordings.leaklineEvents(recording));
        assertThat(responses).hasSize(4 * REQUESTS);
        Map<String, Integer> seen = new HashMap<>();
        for (List<RecordedEvent> events : responses.values()) {
            RecordedEvent opened = events.get(0);
            assertThat(opened.getString("client")).isEqualTo("okhttp");
            assertThat(opened.getString("pool")).isEqualTo(origin);
            assertThat(opened.getLong("connectionId")).isNotZero();
            RecordedFrame site = Recordings.firstApplicationFrame(opened);
            String method = site.getMethod().getName();
            assertThat(site.getMethod().getType().getName()).isEqualTo(OkHttpFourCases.class.getName());
            assertThat(expected).containsKey(method);
            assertThat(site.getLineNumber()).as(method).isEqualTo(Recordings.lineOf(PROGRAM_SOURCE, method));
            assertThat(Recordings.detailedKinds(events)).as(method).isEqualTo(expected.get(method));
            seen.merge(method, 1, Integer::sum);
        }
        assertThat(seen).containsOnlyKeys(expected.keySet()).allSatisfy((m, n) -> assertThat(n).isEqualTo(REQUESTS));
    }

    /** The programs and OkHttp with okio and the Kotlin standard library; nothing of Leakline. */
    private static String programClassPath() throws Exception {
        List<String> entries = new ArrayList<>();
        entries.add(ChildJvm.programClasses().toString());
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.contains("/okhttp3/okhttp/") || entry.contains("/com/squareup/okio/") || entry.contains("/org/jetbrains/")) {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
