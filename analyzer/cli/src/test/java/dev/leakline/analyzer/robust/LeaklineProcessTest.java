package dev.leakline.analyzer.robust;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-process suite sees what the command writes to its own writers. A user runs {@code leakline} as a process,
 * where whatever a library logs to {@code System.err} (JMC logs parser trouble through {@code java.util.logging})
 * lands on the same terminal. So damaged recordings that make the parser log are analyzed again through the real
 * {@code main} in a child JVM, and every stderr line must be the command's own ({@code leakline: ...}).
 */
class LeaklineProcessTest {
    @TempDir
    static Path dir;

    @AfterAll
    static void closeOpen() {
        SourceRecordings.closeKeptOpen();
    }

    @Test
    void everyStderrLineOfTheProcessIsLeaklines() throws Exception {
        byte[] source = Files.readAllBytes(SourceRecordings.record(dir.resolve("source.jfr"), 1));
        // Find, in-process, a damage that makes the parser log; metadata offset pointing at the constant pool if none.
        Corruption chosen = new Corruption(Corruption.Kind.SET_LONG, 24, 8,
                java.nio.ByteBuffer.wrap(source).getLong(16));
        Path file = dir.resolve("damaged.jfr");
        try (RobustCli cli = new RobustCli(Duration.ofSeconds(20))) {
            for (Corruption c : CorruptionPlan.plan(source, 42, CorruptionPlan.Budget.EXHAUSTIVE)) {
                Files.write(file, c.apply(source));
                RobustCli.Run run = cli.run("analyze", file.toString());
                if (run.timedOut()) {
                    break; // a hung case (CorruptionSuiteTest reports those); its threads would blur the search
                }
                if (!run.logged().isEmpty()) {
                    chosen = c;
                    break;
                }
            }
        }
        Files.write(file, chosen.apply(source));

        ChildJvm.Result result = ChildJvm.run(ChildJvm.currentJava(), List.of("-Xmx256m"),
                "dev.leakline.analyzer.cli.Main", List.of("analyze", "--format", "json", file.toString()), dir, 120);

        assertThat(result.exitCode()).as("exit code for %s", chosen).isIn(0, 1, 2);
        List<String> lines = result.err().lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).as("stderr of leakline for %s", chosen)
                .allSatisfy(line -> assertThat(line).startsWith("leakline: "));
        if (result.exitCode() == 2) {
            assertThat(lines).as("stderr of leakline for %s", chosen).hasSize(1);
        }
    }
}
