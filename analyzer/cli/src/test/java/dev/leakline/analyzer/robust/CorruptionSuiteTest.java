package dev.leakline.analyzer.robust;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cuts and corrupts real recordings in many ways and runs the real analyzer on each copy, in-process, in a JVM with
 * a 256 MB heap. Every case must end within the time bound with a report (exit 0 or 1, warnings naming what was
 * skipped) or a refusal (exit 2, one line); see {@link Classifier}.
 *
 * <p>Sources: a one-chunk and a many-chunk (8 or more) recording made here, and the committed recordings. The cases are drawn
 * from a fixed seed, so a run is repeatable. Knobs (system properties): {@code leakline.robust.exhaustive=true} for
 * every chunk boundary and many more random cases, {@code leakline.robust.seed} for other random cases,
 * {@code leakline.robust.boundSeconds} for the per-case bound (default 30 s). See docs/robustness.md.
 */
class CorruptionSuiteTest {
    private static final long SEED = Long.getLong("leakline.robust.seed", 20261123L);
    private static final boolean EXHAUSTIVE = Boolean.getBoolean("leakline.robust.exhaustive");
    private static final Duration BOUND = Duration.ofSeconds(Long.getLong("leakline.robust.boundSeconds", 30));
    /** The heap the must-show names; a larger heap would hide the allocations this suite looks for. */
    private static final long MAX_HEAP = 256L << 20;

    @TempDir
    static Path dir;

    @AfterAll
    static void closeOpen() {
        SourceRecordings.closeKeptOpen();
    }

    @Test
    void everyDamagedRecordingEndsInAReportOrOneLine() throws IOException {
        assertThat(Runtime.getRuntime().maxMemory())
                .as("run in the 'robustness' surefire execution (-Xmx256m), see docs/robustness.md")
                .isLessThanOrEqualTo(MAX_HEAP);
        List<Path> sources = new ArrayList<>();
        sources.add(SourceRecordings.record(dir.resolve("one-chunk.jfr"), 1));
        sources.add(SourceRecordings.record(dir.resolve("many-chunks.jfr"), 8));
        assertThat(Chunks.count(Files.readAllBytes(sources.get(1)))).as("chunks rotated").isGreaterThanOrEqualTo(8);
        List<Path> committed = SourceRecordings.committed();
        sources.addAll(committed);

        Map<String, Integer> histogram = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        int cases = 0;
        Path damaged = dir.resolve("damaged.jfr");
        try (RobustCli cli = new RobustCli(BOUND)) {
            boolean hung = false;
            for (Path source : sources) {
                if (hung) {
                    failures.add("stopped after a hung case; " + (sources.size() - sources.indexOf(source))
                            + " source(s) not run");
                    break;
                }
                byte[] bytes = Files.readAllBytes(source);
                RobustCli.Run baseline = cli.run(args(source));
                Classifier.Verdict intact = Classifier.classify(baseline,
                        new Corruption(Corruption.Kind.CUT_AT_BOUNDARY, bytes.length, 0, 0), true);
                if (!intact.ok() || baseline.exitCode() > 1) {
                    failures.add(source.getFileName() + " intact: " + intact.outcome() + ": " + intact.detail());
                }
                boolean sourceWarns = !baseline.err().isBlank();
                CorruptionPlan.Budget budget = EXHAUSTIVE ? CorruptionPlan.Budget.EXHAUSTIVE
                        : committed.contains(source) ? CorruptionPlan.Budget.QUICK.scaled(0.5)
                        : CorruptionPlan.Budget.QUICK;
                for (Corruption corruption : CorruptionPlan.plan(bytes, SEED ^ source.getFileName().hashCode(),
                        budget)) {
                    Files.write(damaged, corruption.apply(bytes));
                    RobustCli.Run run = cli.run(args(damaged));
                    Classifier.Verdict verdict = Classifier.classify(run, corruption, sourceWarns);
                    cases++;
                    histogram.merge(verdict.outcome(), 1, Integer::sum);
                    if (!verdict.ok()) {
                        failures.add(source.getFileName() + " " + corruption + ": " + verdict.outcome() + ": "
                                + verdict.detail());
                        keep(source, corruption, damaged);
                        if (run.timedOut()) {
                            // The hung case's threads still run (and log): later outcomes would not be its own.
                            hung = true;
                            break;
                        }
                    }
                }
            }
        }
        System.out.printf("Corruption suite: %d cases over %d recordings (seed %d, %s): %s%n", cases, sources.size(),
                SEED, EXHAUSTIVE ? "exhaustive" : "quick", histogram);
        assertThat(failures).as("cases that crashed, hung, ran out of memory or answered badly").isEmpty();
        assertThat(cases).as("cases run").isGreaterThanOrEqualTo(100);
        // Both ways out must have been exercised, or the suite proved nothing about one of them.
        assertThat(histogram.keySet()).anyMatch(k -> k.startsWith("ok exit 2"));
        assertThat(histogram.keySet()).anyMatch(k -> k.endsWith("with warning"));
    }

    private static String[] args(Path file) {
        return new String[] {"analyze", "--format", "json", "--min-age", "1ms", file.toString()};
    }

    /** Keeps a failing case's bytes under target/robust-failures to reproduce it with the leakline command. */
    private static void keep(Path source, Corruption corruption, Path damaged) {
        try {
            Path target = Path.of("target", "robust-failures");
            Files.createDirectories(target);
            Files.copy(damaged, target.resolve(source.getFileName() + "." + corruption.toString().replace('@', '_')
                    .replace('^', 'x').replace('=', '_').replace('+', '_').replace('#', '_') + ".jfr"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // only a convenience for debugging
        }
    }
}
