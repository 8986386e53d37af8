package dev.leakline.bench;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
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
 * <p>Reading the results from JMH's {@link Runner} rather than from its JSON file keeps the figures
 * exactly JMH's, with no parser of our own in between. The table is Markdown so that
 * {@code docs/performance.md} can quote it as printed.
 */
public final class ApiBenchReport {
    /** Issue 2's target: with nothing recording, at most this much above the baseline. */
    static final double DISABLED_TARGET_NS = 5;
    /** Issue 2's target: with a recording running, one lifecycle costs at most this much. */
    static final double ENABLED_TARGET_NS = 3_000;

    private static final String ALLOCATION = "gc.alloc.rate.norm";

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
        out.append("ns/op is JMH's score (the mean of all iterations), ± its 99.9% confidence half-width; a"
                + " difference's ± is the root sum of squares of its two.\nMedian and best: of the iterations'"
                + " ns/op; they resist other processes' load spikes. B/op: bytes allocated per operation in the"
                + " whole JVM (-prof gc).\n\n");
        out.append("| Benchmark | ns/op | ± | median | best | minus baseline, ns | ratio to baseline"
                + " | B/op | B/op minus baseline |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        Result<?> base = baseline.getPrimaryResult();
        Result<?> baseAlloc = allocation(baseline);
        for (RunResult r : results) {
            Result<?> time = r.getPrimaryResult();
            Result<?> alloc = allocation(r);
            out.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.1f | %s | %.2f | %s | %s |%n",
                    label(r), time.getScore(), time.getScoreError(), median(time), time.getStatistics().getMin(),
                    difference(time, base),
                    time.getScore() / base.getScore(),
                    alloc == null ? "n/a" : String.format(Locale.ROOT, "%.0f", alloc.getScore()),
                    alloc == null || baseAlloc == null ? "n/a"
                            : String.format(Locale.ROOT, "%+.0f", alloc.getScore() - baseAlloc.getScore())));
        }
        out.append('\n');
        RunResult disabled = find(results, "disabled", null);
        if (disabled != null) {
            Result<?> time = disabled.getPrimaryResult();
            out.append(String.format(Locale.ROOT, "Disabled vs baseline: different at 99.9%% confidence (JMH's"
                    + " test): %s%n", time.getStatistics().isDifferent(base.getStatistics(), 0.999) ? "yes" : "no"));
            out.append(verdict("disabled <= " + (long) DISABLED_TARGET_NS + " ns above baseline", "ns above",
                    time.getScore() - base.getScore(), median(time) - median(base), DISABLED_TARGET_NS));
        }
        for (RunResult r : results) {
            if (method(r).startsWith("enabled")) {
                Result<?> time = r.getPrimaryResult();
                out.append(verdict(label(r) + " <= " + (long) ENABLED_TARGET_NS + " ns", "ns",
                        time.getScore(), median(time), ENABLED_TARGET_NS));
            }
        }
        for (String method : new String[] {"enabled", "enabledDeepStack"}) {
            RunResult withStack = find(results, method, "true");
            RunResult withoutStack = find(results, method, "false");
            if (withStack != null && withoutStack != null) {
                out.append(String.format(Locale.ROOT, "The opening stack trace costs, %s (true minus false): mean"
                        + " %s ns, median %+.1f ns%n", method, difference(withStack.getPrimaryResult(),
                        withoutStack.getPrimaryResult()),
                        median(withStack.getPrimaryResult()) - median(withoutStack.getPrimaryResult())));
            }
        }
        return out.toString();
    }

    /** The 1-minute system load average, or a negative number where the platform does not report it. */
    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static String verdict(String target, String unit, double mean, double median, double limit) {
        return String.format(Locale.ROOT, "Target %s: mean %.1f %s -> %s; median %.1f %s -> %s%n", target, mean,
                unit, mean <= limit ? "MET" : "MISSED", median, unit, median <= limit ? "MET" : "MISSED");
    }

    private static double median(Result<?> result) {
        return result.getStatistics().getPercentile(50);
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

    /** JMH 1.36 renamed the secondary results (it dropped a leading "·"), so match the end only. */
    private static Result<?> allocation(RunResult r) {
        for (String name : r.getSecondaryResults().keySet()) {
            if (name.endsWith(ALLOCATION)) {
                return r.getSecondaryResults().get(name);
            }
        }
        return null;
    }

    private static String method(RunResult r) {
        String benchmark = r.getParams().getBenchmark();
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    private static String label(RunResult r) {
        String params = params(r);
        return params.isEmpty() ? method(r) : method(r) + " (" + params + ")";
    }

    private static String params(RunResult r) {
        StringBuilder out = new StringBuilder();
        for (String key : r.getParams().getParamsKeys()) {
            if (out.length() > 0) {
                out.append(", ");
            }
            out.append(key).append('=').append(r.getParams().getParam(key));
        }
        return out.toString();
    }
}
