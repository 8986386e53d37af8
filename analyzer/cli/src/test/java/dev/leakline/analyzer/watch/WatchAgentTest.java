package dev.leakline.analyzer.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code watch --agent}: a program with no Leakline code or flag, already holding a built {@code java.net.http}
 * client, gets the agent loaded through the Attach API; its new leaks appear live.
 *
 * <p>The agent jar is built by {@code jfr-events/agent} (before this module in a whole-reactor build); the test takes
 * it from the system property {@code leakline.agentJar}, else from {@code jfr-events/agent/target/leakline-agent.jar}.
 * Without it (a build of this module alone) the test is aborted with a message, and fails under {@code CI=true}.
 */
class WatchAgentTest {
    @Test
    void aJvmWithoutLeaklineGetsTheAgentAndItsNewLeaksShowLive() throws Exception {
        Path jar = Path.of(System.getProperty("leakline.agentJar", Path.of(System.getProperty("leakline.repoRoot",
                "."), "jfr-events", "agent", "target", "leakline-agent.jar").toString()));
        if (!Files.isRegularFile(jar)) {
            String why = "the agent jar " + jar + " is not built (./mvnw -B -pl jfr-events/agent -am package)";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(why);
            }
            Assumptions.abort(why);
        }
        Path ownClassOnly = Path.of(PlainTarget.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (TargetProcess target = new TargetProcess(PlainTarget.class, ownClassOnly.toString())) {
            target.run("leak 1"); // before the agent: never tracked, never reported
            LiveCli watch = new LiveCli("watch", target.pid(), "--agent=" + jar, "--min-age", "1s", "--until-leak",
                    "--duration", "90s", "--format", "jsonl");
            watch.awaitType("start", Duration.ofSeconds(60));

            target.run("clean 1");
            target.run("leak 1");

            JsonNode leak = watch.awaitJson(j -> j.path("type").asText().equals("leak"), Duration.ofSeconds(30));
            assertThat(Duration.between(Instant.parse(leak.get("opened").asText()), Instant.now()))
                    .isLessThanOrEqualTo(Duration.ofSeconds(3));
            assertThat(leak.get("site").asText()).isEqualTo(PlainTarget.LEAK_SITE);
            assertThat(leak.get("client").asText()).isEqualTo("java.net.http");
            assertThat(watch.awaitExit(Duration.ofSeconds(60))).as(watch.err()).isEqualTo(1);
            JsonNode end = watch.json().get(watch.json().size() - 1);
            assertThat(end.get("leaked").asLong()).isEqualTo(1);
            assertThat(end.at("/verdicts/clean").asLong()).isEqualTo(1);
            assertThat(target.jfrCheck()).contains("No available recordings");
            assertThat(target.getData()).isEqualTo(200);
        }
    }
}
