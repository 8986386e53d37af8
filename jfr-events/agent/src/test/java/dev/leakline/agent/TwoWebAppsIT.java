package dev.leakline.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakline.agent.programs.TwoWebApps;
import dev.leakline.jfr.Leakline;
import dev.leakline.jfr.testsupport.LoopbackServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two web applications in one JVM, each with its own copy of the library jar, with and without the agent:
 * four responses, four distinct ids, each application's leak seen once and no response tracked twice.
 */
class TwoWebAppsIT {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "with agent: {0}")
    @ValueSource(booleans = {false, true})
    void everyResponseHasItsOwnIdAndEachLeakIsSeenOnce(boolean agent) throws Exception {
        Path library = Path.of(Leakline.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertThat(library.toString()).as("the core's jar from this build").endsWith(".jar");
        Path copy1 = Files.copy(library, Files.createDirectories(dir.resolve("webapp1")).resolve("leakline.jar"));
        Path copy2 = Files.copy(library, Files.createDirectories(dir.resolve("webapp2")).resolve("leakline.jar"));
        Path recording = dir.resolve("two.jfr");
        List<String> options = new ArrayList<>();
        if (agent) {
            options.add("-javaagent:" + ChildJvm.agentJar());
        }
        options.add("-XX:StartFlightRecording:filename=" + recording);
        ChildJvm child;
        try (LoopbackServer server = new LoopbackServer()) {
            child = ChildJvm.run(Jdk.all().get(0), options, ChildJvm.programClasses().toString(),
                    TwoWebApps.class.getName(), copy1.toString(), copy2.toString(),
                    ChildJvm.programClasses().toString(), server.uri("/body"));
        }
        assertThat(child.exitCode()).as(child.stderr()).isZero();
        assertThat(child.agentLines()).isEmpty();

        List<RecordedEvent> events = Recordings.leaklineEvents(recording);
        List<Long> ids = events.stream().filter(e -> e.getEventType().getName().equals(Recordings.OPENED))
                .map(e -> e.getLong("responseId")).collect(Collectors.toList());
        assertThat(ids).hasSize(4).doesNotHaveDuplicates();
        Map<Long, List<RecordedEvent>> responses = Recordings.byResponse(events);
        List<List<String>> kinds = responses.values().stream().map(Recordings::kinds).collect(Collectors.toList());
        assertThat(kinds).containsExactlyInAnyOrder(List.of("opened"), List.of("opened"),
                List.of("opened", "drained", "closed"), List.of("opened", "drained", "closed"));
        // The two leaks come from the two copies: two different blocks of ids.
        assertThat(responses.entrySet().stream().filter(e -> e.getValue().size() == 1).map(e -> e.getKey() >>> 32)
                .distinct()).hasSize(2);
    }
}
