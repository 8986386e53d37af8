package dev.leakline.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakline.agent.programs.OkHttpFourCases;
import dev.leakline.jfr.testsupport.LoopbackServer;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
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
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * OkHttp ({@code new OkHttpClient()}) in an unmodified program under the agent, on JDK 17 and 25, with OkHttp
 * 3.14.9, 4.12.0 (the build's) and 5.3.2 (the 3.x and 5.x jars copied by the pom into {@code target/okhttp/}): per response,
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

    /** The build's OkHttp (on the test class path) and the releases the pom copies (executions okhttp-*). */
    private static final List<String> VERSIONS = List.of("3.14.9", "4.12.0", "5.3.2");
    private static final String BUILD_VERSION = "4.12.0";

    static Stream<Arguments> jdksAndVersions() {
        return Jdk.all().stream().flatMap(jdk -> VERSIONS.stream().map(v -> Arguments.of(jdk, v)));
    }

    @ParameterizedTest(name = "{0} okhttp {1}")
    @MethodSource("jdksAndVersions")
    void fourCasesGetTheHandWrappedEventsWithPoolReturns(Jdk jdk, String version) throws Exception {
        Path recording = dir.resolve("okhttp.jfr");
        ChildJvm child;
        String origin;
        try (LoopbackServer server = new LoopbackServer()) {
            origin = server.origin();
            child = ChildJvm.run(jdk,
                    List.of("-javaagent:" + ChildJvm.agentJar(), "-XX:StartFlightRecording:filename=" + recording),
                    programClassPath(version), OkHttpFourCases.class.getName(), server.uri("/body"), String.valueOf(REQUESTS));
        }
        assertThat(child.exitCode()).as(child.stderr()).isZero();
        assertThat(child.agentLines()).isEmpty();

        // As jfr-events/okhttp FourCasesTest asserts them for the hand-wrapped client.
        Map<String, List<String>> expected = Map.of(
                "okNeitherReadNorClosed", List.of("started", "opened"),
                "okClosedUnread", List.of("started", "opened", "closed:application", "drained:library",
                        "released:pooled"),
                "okReadNotClosed", List.of("started", "opened", "released:pooled", "drained:application"),
                "okReadAndClosed", List.of("started", "opened", "released:pooled", "drained:application",
                        "closed:application"));
        Map<Long, List<RecordedEvent>> responses = Recordings.withReleases(Recordings.leaklineEvents(recording));
        assertThat(responses).hasSize(4 * REQUESTS);
        Map<String, Integer> seen = new HashMap<>();
        for (List<RecordedEvent> events : responses.values()) {
            RecordedEvent opened = Recordings.opened(events);
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
    private static String programClassPath(String version) throws Exception {
        List<String> entries = new ArrayList<>();
        entries.add(ChildJvm.programClasses().toString());
        if (!version.equals(BUILD_VERSION)) {
            Path jars = Path.of("target/okhttp", version);
            try (Stream<Path> files = Files.list(jars)) {
                files.sorted().forEach(p -> entries.add(p.toAbsolutePath().toString()));
            } catch (IOException e) {
                throw new AssertionError(jars + " (copied by the pom before the integration tests)", e);
            }
            assertThat(entries.stream().filter(e -> e.contains("-" + version + ".jar"))).hasSize(1);
            return String.join(File.pathSeparator, entries);
        }
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.contains("/okhttp3/okhttp/") || entry.contains("/com/squareup/okio/") || entry.contains("/org/jetbrains/")) {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
