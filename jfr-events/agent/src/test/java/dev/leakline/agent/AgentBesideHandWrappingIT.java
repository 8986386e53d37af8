package dev.leakline.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakline.agent.programs.HandWrapped;
import dev.leakline.agent.programs.HandWrappedApache;
import dev.leakline.agent.programs.HandWrappedOkHttp;
import dev.leakline.agent.programs.JdkFourCases;
import dev.leakline.jfr.testsupport.LoopbackServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent with what else a JVM may have: clients a program already wraps by hand (tracked once), and
 * options, good and bad (one line naming a bad one; the program runs as without the agent).
 */
class AgentBesideHandWrappingIT {
    @TempDir
    Path dir;

    @Test
    void aClientWrappedByHandAndSeenByTheAgentIsTrackedOnce() throws Exception {
        Path recording = dir.resolve("hand.jfr");
        ChildJvm child;
        try (LoopbackServer server = new LoopbackServer()) {
            child = ChildJvm.run(Jdk.all().get(0),
                    List.of("-javaagent:" + ChildJvm.agentJar(), "-XX:StartFlightRecording:filename=" + recording),
                    ChildJvm.programClasses().toString(), HandWrapped.class.getName(), server.uri("/body"));
        }
        assertThat(child.exitCode()).as(child.stderr()).isZero();
        assertThat(child.stdout().lines().filter(l -> !l.contains("VM warning") && !l.startsWith("[")))
                .containsExactly(String.valueOf(LoopbackServer.BODY_LENGTH), String.valueOf(LoopbackServer.BODY_LENGTH));
        Map<Long, List<RecordedEvent>> responses = Recordings.byResponse(Recordings.leaklineEvents(recording));
        assertThat(responses).hasSize(2);
        assertThat(responses.values()).allSatisfy(events -> {
            assertThat(Recordings.kinds(events)).isEqualTo(List.of("opened", "drained", "closed"));
            // Bytes counted once, not once per layer.
            assertThat(events.get(1).getLong("bytesRead")).isEqualTo(LoopbackServer.BODY_LENGTH);
        });
        assertThat(responses.values().stream().map(e -> e.get(0).getString("client")))
                .containsExactly("java.net.http", "HttpURLConnection");
    }

    @Test
    void anApacheClientWrappedByHandAndSeenByTheAgentIsTrackedOnceUnderItsOwnPoolName() throws Exception {
        Path recording = dir.resolve("hand-apache.jfr");
        ChildJvm child;
        try (LoopbackServer server = new LoopbackServer()) {
            child = ChildJvm.run(Jdk.all().get(0),
                    List.of("-javaagent:" + ChildJvm.agentJar(), "-XX:StartFlightRecording:filename=" + recording),
                    System.getProperty("java.class.path"), HandWrappedApache.class.getName(), server.uri("/body"));
        }
        assertThat(child.exitCode()).as(child.stderr()).isZero();
        Map<Long, List<RecordedEvent>> responses = Recordings.withReleases(Recordings.leaklineEvents(recording));
        assertThat(responses.values().stream().map(Recordings::detailedKinds)).containsExactly(
                List.of("opened", "drained:application", "released:pooled", "closed:application"),
                List.of("opened"));
        assertThat(Recordings.leaklineEvents(recording).stream()
                .filter(e -> !e.getEventType().getName().endsWith("Drained") && !e.getEventType().getName().endsWith("Closed"))
                .map(e -> e.getString("pool"))).containsOnly("orders-api");
    }

    @Test
    void anOkHttpClientWrappedByHandAndSeenByTheAgentIsTrackedOnce() throws Exception {
        Path recording = dir.resolve("hand-okhttp.jfr");
        ChildJvm child;
        try (LoopbackServer server = new LoopbackServer()) {
            child = ChildJvm.run(Jdk.all().get(0),
                    List.of("-javaagent:" + ChildJvm.agentJar(), "-XX:StartFlightRecording:filename=" + recording),
                    System.getProperty("java.class.path"), HandWrappedOkHttp.class.getName(), server.uri("/body"));
        }
        assertThat(child.exitCode()).as(child.stderr()).isZero();
        Map<Long, List<RecordedEvent>> responses = Recordings.withReleases(Recordings.leaklineEvents(recording));
        assertThat(responses.values().stream().map(Recordings::detailedKinds)).containsExactly(
                List.of("opened", "released:pooled", "drained:application", "closed:application"),
                List.of("opened"));
    }

    @Test
    void anUnknownOptionIsOneLineAndTheProgramRunsWithTheOtherOptions() throws Exception {
        Path recording = dir.resolve("options.jfr");
        ChildJvm child;
        try (LoopbackServer server = new LoopbackServer()) {
            child = ChildJvm.run(Jdk.all().get(0),
                    List.of("-javaagent:" + ChildJvm.agentJar() + "=colour=blue;clients=urlconnection",
                            "-XX:StartFlightRecording:filename=" + recording),
                    ChildJvm.programClasses().toString(), JdkFourCases.class.getName(), "java-http",
                    server.uri("/body"), "1");
        }
        assertThat(child.exitCode()).as(child.stderr()).isZero();
        assertThat(child.agentLines())
                .containsExactly("leakline-agent: unknown option 'colour' ignored (known: clients, recordQueryStrings)");
        // clients=urlconnection: the program's java.net.http responses are left alone.
        assertThat(Recordings.leaklineEvents(recording)).isEmpty();
    }
}
