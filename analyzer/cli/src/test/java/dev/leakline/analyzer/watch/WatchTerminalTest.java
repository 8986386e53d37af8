package dev.leakline.analyzer.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real entry point on a real pseudo-terminal ({@code script} from util-linux gives it one): the screen is
 * redrawn, in colour, and never in colour with {@code NO_COLOR}.
 */
class WatchTerminalTest {
    @TempDir
    Path dir;

    private String onATerminal(long pid, Map<String, String> env) throws Exception {
        Path script = Path.of("/usr/bin/script");
        if (!Files.isExecutable(script)) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("util-linux 'script' is needed to give watch a terminal");
            }
            Assumptions.abort("util-linux 'script' is not installed");
        }
        Path typescript = dir.resolve("typescript-" + env.size());
        String command = TargetProcess.java() + " -cp " + System.getProperty("java.class.path")
                + " dev.leakline.analyzer.cli.Main watch " + pid + " --min-age 1s --duration 4s";
        ProcessBuilder builder = new ProcessBuilder(script.toString(), "-q", "-e", "-c", command,
                typescript.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("out").toFile());
        builder.environment().remove("NO_COLOR");
        builder.environment().put("TERM", "xterm");
        builder.environment().putAll(env);
        Process process = builder.start();
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(dir.resolve("out"))).isZero();
        return Files.readString(typescript, StandardCharsets.UTF_8);
    }

    @Test
    void onATerminalTheScreenIsRedrawnInColourAndNoColorTurnsOnlyTheColourOff() throws Exception {
        try (TargetProcess target = new TargetProcess()) {
            target.run("leak 1"); // opened before the watch: never a leak, so both watches exit 0
            String colour = onATerminal(target.pid(), Map.of());
            String plain = onATerminal(target.pid(), Map.of("NO_COLOR", "1"));

            for (String screen : List.of(colour, plain)) {
                assertThat(screen).contains("Watch ended (the duration passed): ").contains("0 leaked at 0 sites");
            }
            assertThat(colour).contains("\u001b[H\u001b[2J\u001b[1mleakline watch  pid " + target.pid() + ", Java ");
            assertThat(plain).contains("\u001b[H\u001b[2Jleakline watch  pid " + target.pid() + ", Java ");
            assertThat(colour).contains("\u001b[1mOutstanding responses per site\u001b[0m");
            assertThat(plain).contains("\r\nOutstanding responses per site  (opened")
                    .doesNotContain("\u001b[1m").doesNotContain("\u001b[31m").doesNotContain("\u001b[0m");
        }
    }
}
