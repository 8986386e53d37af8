package dev.leakline.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakline.agent.programs.LateClient;
import dev.leakline.jfr.testsupport.LoopbackServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The agent's start-up does nothing heavy: ByteBuddy and the bridge are set up when the first client class
 * loads, not in {@code premain}. The JVM's own class-loading log shows no ByteBuddy class loaded before the
 * program's {@code main} class, and the bootstrap class path untouched until then; the late client's response
 * is still tracked, read and closed.
 */
class LazyStartIT {
    private static final String BYTEBUDDY = "dev.leakline.agent.shaded.bytebuddy.";

    @TempDir
    Path dir;

    static List<Jdk> jdks() {
        return Jdk.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void byteBuddyLoadsWithTheFirstClientClassNotAtStartUp(Jdk jdk) throws Exception {
        Path recording = dir.resolve("late.jfr");
        Path classLog = dir.resolve("classes.log");
        ChildJvm child;
        try (LoopbackServer server = new LoopbackServer()) {
            child = ChildJvm.run(jdk,
                    List.of("-javaagent:" + ChildJvm.agentJar(), "-XX:StartFlightRecording:filename=" + recording,
                            "-Xlog:class+load:file=" + classLog),
                    ChildJvm.programClasses().toString(), LateClient.class.getName(), server.uri("/body"));
        }
        assertThat(child.exitCode()).as(child.stderr()).isZero();
        assertThat(child.agentLines()).isEmpty();

        List<String> loads = Files.readAllLines(classLog);
        int main = indexOf(loads, " " + LateClient.class.getName() + " ");
        int firstByteBuddy = indexOf(loads, " " + BYTEBUDDY);
        int bridge = indexOf(loads, "leakline-agent-bootstrap");
        assertThat(main).as("the program's class in the log").isNotNegative();
        assertThat(firstByteBuddy).as("a ByteBuddy class loaded at all").isNotNegative();
        assertThat(firstByteBuddy).as("first ByteBuddy class after the program's main class").isGreaterThan(main);
        assertThat(bridge).as("bootstrap jar opened after the program's main class").isGreaterThan(main);

        Map<Long, List<RecordedEvent>> responses = Recordings.byResponse(Recordings.leaklineEvents(recording));
        assertThat(responses.values().stream().map(Recordings::kinds))
                .containsExactly(List.of("opened", "drained", "closed"));
        assertThat(Recordings.firstApplicationFrame(Recordings.opened(responses.values().iterator().next()))
                .getLineNumber()).isEqualTo(Recordings.lineOf(
                        Path.of("src/test/java/dev/leakline/agent/programs/LateClient.java"), "lateRequest"));
    }

    private static int indexOf(List<String> lines, String fragment) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(fragment)) {
                return i;
            }
        }
        return -1;
    }
}
