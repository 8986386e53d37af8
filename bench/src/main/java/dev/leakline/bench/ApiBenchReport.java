package dev.leakline.bench;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * Runs JMH with the given command line (the same options as {@code java -jar benchmarks.jar}) and then
 * prints, for each {@link ResponseLifecycleBenchmark} result, its difference from and ratio to the
 * baseline measured in the same run, and whether the targets of the event API are met.
 *
 * <p>Three measures per benchmark: JMH's own score (wall-clock time per operation), and, when the run
 * has {@code -prof dev.leakline.bench.CpuTimeProfiler}, the CPU time per operation of the benchmark
 * thread and of the whole JVM (see {@link CpuTimeProfiler} for why). With {@code -prof gc}, bytes
 * allocated per operation too.
 *
 * <p>Reading the results from JMH's {@link Runner} rather than from its JSON file keeps the figures
 * exactly JMH's, with no parser of our own in between. The tables are Markdown so that
 * {@code docs/performance.md} can quote them as printed.
 */
public final class ApiBenchReport {
    /** Issue 2's target: with nothing recording, at most this much above the baseline. */
    static final double DISABLED_TARGET_NS = 5;
    /** Issue 2's target: with a recording running, one lifecycle costs at most this much. */
    static final double ENABLED_TARGET_NS = 3_000;

    private static final String WORKER_CPU = "cpu.worker.norm";
    private static final String PROCESS_CPU = "cpu.process.norm";
    private static final String ALLOCATION = "gc.alloc.rate.norm";

    /** One way of measuring an operation: JMH's score, or one of its profilers' secondary results. */
    private static final class Measure {
        final String name;
        final Function<RunResult, Result<?>> of;

        Measure(String name, Function<RunResult, Result<?>> of) {
            this.name = name;
            this.of = of;
        }
    }

    private static final List<Measure> TIMES = List.of(
            new Measure("wall-clock ns/op (JMH's score)", RunResult::getPrimaryResult),
            new Measure("benchmark-thread CPU ns/op", r -> secondary(r, WORKER_CPU)),
            new Measure("whole-JVM CPU ns/op", r -> secondary(r, PROCESS_CPU)));

    private ApiBenchReport() {
    }

    /** Runs the benchmarks selected by {@code args}, then prints the comparison. */
    public static void main(String[] args) throws CommandLineOptionException, RunnerException {
        double loadBefore = loadAverage();
        Collection<RunResult> results = new Runner(new CommandLineOptions(args)).run();
        System.out.println();
        System.out.print(report(new ArrayList<>(results)));
        // Other processes' load is the main source of noise on a shared machine: say how much there was.
        System.out.printf(Locale.ROOT, "System load average (1 min) before the run: %.2f, after: %.2f, on %d CPUs%n",
                loadBefore, loadAverage(), Runtime.getRuntime().availableProcessors());
    }

    static String report(List<RunResult> results) {
        RunResult baseline = find(results, "baseline", null);
        if (baseline == null) {
            throw new IllegalArgumentException("no baseline in this run: include "
                    + ResponseLifecycleBenchmark.class.getSimpleName() + ".baseline");
        }
        BenchmarkParams params = baseline.getParams();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Leakline event API, one response lifecycle. %s, JDK %s (%s), "
                        + "%d CPUs, JMH %s, %d forks x %d iterations of %s.%n",
                Instant.now().truncatedTo(ChronoUnit.SECONDS), params.getJdkVersion(), params.getVmVersion(),
                Runtime.getRuntime().availableProcessors(), params.getJmhVersion(), params.getForks(),
                params.getMeasurement().getCount(), params.getMeasurement().getTime()));
        out.append("Each value is the mean over all iterations ± its 99.9% confidence half-width (JMH's);"
                + " a difference's ± is the root sum of squares of its two.\n");

        out.append("\n| Benchmark");
        for (Measure m : TIMES) {
            out.append(" | ").append(m.name).append(" | minus baseline | ratio");
        }
        out.append(" | B/op | B/op minus baseline |\n|---");
        for (int i = 0; i < TIMES.size() * 3 + 2; i++) {
            out.append("|---:");
        }
        out.append("|\n");
        for (RunResult r : results) {
            out.append("| ").append(label(r));
            for (Measure m : TIMES) {
                Result<?> value = m.of.apply(r);
                Result<?> base = m.of.apply(baseline);
                if (value == null || base == null) {
                    out.append(" | n/a | n/a | n/a");
                } else {
                    out.append(String.format(Locale.ROOT, " | %.1f ± %.1f | %s | %.2f", value.getScore(),
                            value.getScoreError(), difference(value, base), value.getScore() / base.getScore()));
                }
            }
            Result<?> alloc = secondary(r, ALLOCATION);
            Result<?> baseAlloc = secondary(baseline, ALLOCATION);
            out.append(alloc == null || baseAlloc == null ? " | n/a | n/a |\n"
                    : String.format(Locale.ROOT, " | %.0f | %+.0f |%n", alloc.getScore(),
                            alloc.getScore() - baseAlloc.getScore()));
        }
        out.append('\n');

        for (Measure m : TIMES) {
            Result<?> base = m.of.apply(baseline);
            if (base == null) {
                continue;
            }
            for (String method : new String[] {"disabled", "asyncDisabled"}) {
                RunResult disabled = find(results, method, null);
                if (disabled == null || m.of.apply(disabled) == null) {
                    continue;
                }
                Result<?> value = m.of.apply(disabled);
                double above = value.getScore() - base.getScore();
                out.append(String.format(Locale.ROOT, "Target %s <= %d ns above baseline, %s: %+.1f ns"
                                + " -> %s (JMH's test says the two %s at 99.9%%)%n", method, (long) DISABLED_TARGET_NS,
                        m.name, above, above <= DISABLED_TARGET_NS ? "MET" : "MISSED",
                        value.getStatistics().isDifferent(base.getStatistics(), 0.999) ? "differ" : "do not differ"));
            }
            for (RunResult r : results) {
                Result<?> value = m.of.apply(r);
                if ((method(r).startsWith("enabled") || method(r).equals("asyncEnabled")) && value != null) {
                    out.append(String.format(Locale.ROOT, "Target %s <= %d ns, %s: %.1f ns -> %s%n", label(r),
                            (long) ENABLED_TARGET_NS, m.name, value.getScore(),
                            value.getScore() <= ENABLED_TARGET_NS ? "MET" : "MISSED"));
                }
            }
            for (String method : new String[] {"enabled", "enabledDeepStack"}) {
                RunResult withStack = find(results, method, "true");
                RunResult withoutStack = find(results, method, "false");
                if (withStack != null && withoutStack != null && m.of.apply(withStack) != null
                        && m.of.apply(withoutStack) != null) {
                    out.append(String.format(Locale.ROOT, "The opening stack trace costs, %s, %s: %s ns%n", method,
                            m.name, difference(m.of.apply(withStack), m.of.apply(withoutStack))));
                }
            }
            for (String stackTrace : new String[] {"true", "false"}) {
                RunResult async = find(results, "asyncEnabled", stackTrace);
                RunResult sync = find(results, "enabled", stackTrace);
                if (async != null && sync != null && m.of.apply(async) != null && m.of.apply(sync) != null) {
                    out.append(String.format(Locale.ROOT, "The request start (with its stack trace) costs,"
                                    + " asyncEnabled minus enabled (openingStackTrace=%s), %s: %s ns%n", stackTrace,
                            m.name, difference(m.of.apply(async), m.of.apply(sync))));
                }
            }
        }
        return out.toString();
    }

    /** The 1-minute system load average, or a negative number where the platform does not report it. */
    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** The result of {@code method}, with {@code openingStackTrace} equal to {@code stackTrace} unless null. */
    private static RunResult find(List<RunResult> results, String method, String stackTrace) {
        for (RunResult r : results) {
            if (method(r).equals(method)
                    && (stackTrace == null || stackTrace.equals(r.getParams().getParam("openingStackTrace")))) {
                return r;
            }
        }
        return null;
    }

    private static String difference(Result<?> a, Result<?> b) {
        double error = Math.sqrt(square(a.getScoreError()) + square(b.getScoreError()));
        return String.format(Locale.ROOT, "%+.1f ± %.1f", a.getScore() - b.getScore(), error);
    }

    private static double square(double x) {
        return Double.isNaN(x) ? 0 : x * x;
    }

    /** A profiler's result; JMH 1.36 dropped a leading "·" from their names, so match the end only. */
    private static Result<?> secondary(RunResult r, String name) {
        for (String key : r.getSecondaryResults().keySet()) {
            if (key.endsWith(name)) {
                return r.getSecondaryResults().get(key);
            }
        }
        return null;
    }

    private static String method(RunResult r) {
        String benchmark = r.getParams().getBenchmark();
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    private static String label(RunResult r) {
        StringBuilder params = new StringBuilder();
        for (String key : r.getParams().getParamsKeys()) {
            params.append(params.length() == 0 ? " (" : ", ").append(key).append('=')
                    .append(r.getParams().getParam(key));
        }
        return method(r) + (params.length() == 0 ? "" : params + ")");
    }
}
