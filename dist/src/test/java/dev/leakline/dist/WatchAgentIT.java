package dev.leakline.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import dev.leakline.analyzer.watch.PlainTarget;
import dev.leakline.analyzer.watch.TargetProcess;

/**
 * {@code bin/leakline watch PID --agent} from the unpacked distribution: a program with no Leakline code or flag,
 * already holding a built {@code java.net.http} client, gets {@code lib/leakline-agent.jar} (found next to
 * {@code lib/leakline.jar}, no path given) loaded through the Attach API; its new leaks appear live.
 *
 * <p>It lives here, not beside the other watch tests in analyzer/cli, because the agent module is built after the
 * analyzer (its own tests run leakline.jar): only this module has both.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "bin/leakline is the POSIX launcher; leakline.cmd is for Windows")
class WatchAgentIT {
    private static final String VERSION = System.getProperty("leakline.expectedVersion");
    private static final Path JDK = Paths.get(System.getProperty("java.home"));
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    @Test
    void aJvmWithoutLeaklineGetsTheShippedAgentAndItsNewLeaksShowLive() throws Exception {
        if (!Boolean.getBoolean("leakline.dist.withAgent")) {
            String why = "the agent module is not part of this build, so the distribution has no agent jar";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(why);
            }
            Assumptions.abort(why);
        }
        Path unpacked = Files.createDirectory(root.resolve("unpacked"));
        Archives.unzip(Paths.get(System.getProperty("leakline.dist.zip")), unpacked);
        Path home = unpacked.resolve("leakline-" + VERSION);
        Path emptyPath = Files.createDirectory(root.resolve("empty-path"));
        Path ownClassesOnly = Path.of(PlainTarget.class.getProtectionDomain().getCodeSource().getLocation().toURI());

        try (TargetProcess target = new TargetProcess(PlainTarget.class, ownClassesOnly.toString())) {
            target.run("leak 1"); // before the agent: never tracked, never reported
            Path out = root.resolve("watch.out");
            Path err = root.resolve("watch.err");
            ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/leakline").toString(), "watch",
                    Long.toString(target.pid()), "--agent", "--min-age", "1s", "--until-leak", "--duration", "90s",
                    "--format", "jsonl").directory(root.toFile()).redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().clear();
            builder.environment().put("PATH", emptyPath.toString());
            builder.environment().put("HOME", root.toString());
            builder.environment().put("JAVA_HOME", JDK.toString());
            Process watch = builder.start();
            try {
                await(out, err, j -> j.path("type").asText().equals("start"), Duration.ofSeconds(60));

                target.run("clean 1");
                target.run("leak 1");

                JsonNode leak = await(out, err, j -> j.path("type").asText().equals("leak"), Duration.ofSeconds(30));
                assertThat(Duration.between(Instant.parse(leak.get("opened").asText()), Instant.now()))
                        .isLessThanOrEqualTo(Duration.ofSeconds(3));
                assertThat(leak.get("site").asText()).isEqualTo(PlainTarget.LEAK_SITE);
                assertThat(leak.get("client").asText()).isEqualTo("java.net.http");
                assertThat(watch.waitFor(60, TimeUnit.SECONDS)).as("watch ends after the first leak").isTrue();
                assertThat(watch.exitValue()).as(Files.readString(err)).isEqualTo(1);
                List<JsonNode> lines = json(out);
                JsonNode end = lines.get(lines.size() - 1);
                assertThat(end.get("leaked").asLong()).isEqualTo(1);
                assertThat(end.at("/verdicts/clean").asLong()).isEqualTo(1);
                assertThat(target.jfrCheck()).contains("No available recordings");
                assertThat(target.getData()).isEqualTo(200);
            } finally {
                watch.destroyForcibly();
            }
        }
    }

    /** Waits (bounded, polling) until the watch has printed a JSON line that matches, and returns it. */
    private static JsonNode await(Path out, Path err, Predicate<JsonNode> match, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - deadline < 0) {
            for (JsonNode line : json(out)) {
                if (match.test(line)) {
                    return line;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no matching line within " + timeout + "; stdout:\n" + Files.readString(out)
                + "\nstderr:\n" + Files.readString(err));
    }

    /** The complete JSON lines printed so far (a line still being written is left for the next poll). */
    private static List<JsonNode> json(Path out) throws IOException {
        String text = Files.readString(out, StandardCharsets.UTF_8);
        List<JsonNode> lines = new ArrayList<>();
        int end = text.lastIndexOf('\n');
        if (end >= 0) {
            for (String line : text.substring(0, end).split("\n")) {
                if (!line.isBlank()) {
                    lines.add(JSON.readTree(line));
                }
            }
        }
        return lines;
    }
}
