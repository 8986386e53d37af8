package dev.leakline.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakline.agent.programs.Apache5FourCases;
import dev.leakline.jfr.testsupport.LoopbackServer;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Apache HttpClient 5 classic in an unmodified program under the agent, on JDK 17 and 25, with the oldest
 * release claimed (5.2.3) and the newest 5.x (5.6.5), each copied by the pom into {@code target/httpclient5/}:
 * per response, exactly the events the hand-wrapped adapter gives in {@code jfr-events/httpclient5}'s
 * {@code FourCasesTest}, with pool returns and connection ids, and the program's own line as the opening's first
 * application frame. The child's class path holds the program and HttpClient only: no Leakline jar but the agent.
 */
class Apache5UnderAgentIT {
    private static final int REQUESTS = 3;
    private static final Path PROGRAM_SOURCE =
            Path.of("src/test/java/dev/leakline/agent/programs/Apache5FourCases.java");
    /** The releases the pom copies (maven-dependency-plugin, execution httpclient5-versions). */
    private static final List<String> VERSIONS = List.of("5.2.3", "5.6.5");

    @TempDir
    Path dir;

    static Stream<Arguments> jdksAndVersions() {
        return Jdk.all().stream().flatMap(jdk -> VERSIONS.stream().map(v -> Arguments.of(jdk, v)));
    }

    @ParameterizedTest(name = "{0} httpclient5 {1}")
    @MethodSource("jdksAndVersions")
    void fourCasesGetTheHandWrappedEventsWithPoolReturns(Jdk jdk, String version) throws Exception {
        Path recording = dir.resolve("apache5.jfr");
        ChildJvm child;
        String origin;
        try (LoopbackServer server = new LoopbackServer()) {
            origin = server.origin();
            child = ChildJvm.run(jdk,
                    List.of("-javaagent:" + ChildJvm.agentJar(), "-XX:StartFlightRecording:filename=" + recording),
                    programClassPath(version), Apache5FourCases.class.getName(), server.uri("/body"),
                    String.valueOf(REQUESTS));
        }
        assertThat(child.exitCode()).as(child.stderr()).isZero();
        assertThat(child.agentLines()).isEmpty();

        // As jfr-events/httpclient5 FourCasesTest asserts them for the hand-wrapped client (5.2+: close() reads
        // the rest of the body itself, then pools the connection).
        Map<String, List<String>> expected = Map.of(
                "apache5NeitherReadNorClosed", List.of("opened"),
                "apache5ClosedUnread", List.of("opened", "closed:application", "drained:library", "released:pooled"),
                "apache5ReadNotClosed", List.of("opened", "drained:application", "released:pooled"),
                "apache5ReadAndClosed", List.of("opened", "drained:application", "released:pooled", "closed:application"));
        Map<Long, List<RecordedEvent>> responses = Recordings.withReleases(Recordings.leaklineEvents(recording));
        assertThat(responses).hasSize(4 * REQUESTS);
        Map<String, Integer> seen = new HashMap<>();
        for (List<RecordedEvent> events : responses.values()) {
            RecordedEvent opened = Recordings.opened(events);
            assertThat(opened.getString("client")).isEqualTo("apache-httpclient5");
            assertThat(opened.getString("pool")).isEqualTo(origin);
            assertThat(opened.getLong("connectionId")).isNotZero();
            for (RecordedEvent e : events) {
                if (e.getEventType().getName().equals("leakline.ConnectionReleased")) {
                    assertThat(e.getLong("connectionId")).isEqualTo(opened.getLong("connectionId"));
                    assertThat(e.getString("pool")).isEqualTo(origin);
                }
            }
            RecordedFrame site = Recordings.firstApplicationFrame(opened);
            String method = site.getMethod().getName();
            assertThat(site.getMethod().getType().getName()).isEqualTo(Apache5FourCases.class.getName());
            assertThat(expected).containsKey(method);
            assertThat(site.getLineNumber()).as(method).isEqualTo(Recordings.lineOf(PROGRAM_SOURCE, method));
            assertThat(Recordings.detailedKinds(events)).as(method).isEqualTo(expected.get(method));
            seen.merge(method, 1, Integer::sum);
        }
        assertThat(seen).containsOnlyKeys(expected.keySet()).allSatisfy((m, n) -> assertThat(n).isEqualTo(REQUESTS));
    }

    /** The programs and one HttpClient 5 release with its own dependencies (httpcore5, slf4j-api); nothing of Leakline. */
    private static String programClassPath(String version) throws Exception {
        Path jars = Path.of("target/httpclient5", version);
        List<String> entries = new ArrayList<>();
        entries.add(ChildJvm.programClasses().toString());
        try (Stream<Path> files = Files.list(jars)) {
            files.sorted().forEach(p -> entries.add(p.toAbsolutePath().toString()));
        } catch (IOException e) {
            throw new AssertionError(jars + " (copied by the pom before the integration tests)", e);
        }
        assertThat(entries.stream().filter(e -> e.endsWith("httpclient5-" + version + ".jar"))
                .collect(Collectors.toList())).hasSize(1);
        return String.join(File.pathSeparator, entries);
    }
}
