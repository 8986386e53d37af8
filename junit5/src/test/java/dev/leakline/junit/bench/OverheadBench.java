package dev.leakline.junit.bench;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.leakline.junit.fixtures.BenchCases;
import dev.leakline.junit.fixtures.LocalServer;
import java.util.Arrays;
import java.util.Map;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The extension's cost per test: runs {@link BenchCases} through a Jupiter engine with the extension
 * auto-detected and without it, alternately, and prints the median difference per test. Not a test: a
 * shared CI machine makes timings unfit for assertions. Run it with
 * {@code ./mvnw -q -pl junit5 test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.leakline.junit.bench.OverheadBench}.
 */
public final class OverheadBench {
    private static final int ROUNDS = 5;

    private OverheadBench() {
    }

    public static void main(String[] args) throws Exception {
        LocalServer.start();
        try {
            System.out.printf("JDK %s, %d tests per run, median of %d rounds%n", Runtime.version(),
                    BenchCases.REPETITIONS, ROUNDS);
            for (String method : new String[] {"empty", "oneExchange"}) {
                measure(method, Map.of());
                measure(method, Map.of("leakline.junit.threads", "true"));
            }
        } finally {
            LocalServer.stop();
        }
    }

    private static void measure(String method, Map<String, String> settings) {
        run(method, false, settings); // Warm-up: class loading, JIT, the first recording's start.
        run(method, true, settings);
        long[] without = new long[ROUNDS];
        long[] with = new long[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            without[i] = run(method, false, settings);
            with[i] = run(method, true, settings);
        }
        double perTestWithout = median(without) / 1e6 / BenchCases.REPETITIONS;
        double perTestWith = median(with) / 1e6 / BenchCases.REPETITIONS;
        System.out.printf("%-12s %-16s without %.3f ms/test, with %.3f ms/test, extension +%.3f ms/test%n",
                method, settings.isEmpty() ? "" : "threads=true", perTestWithout, perTestWith,
                perTestWith - perTestWithout);
    }

    private static long run(String method, boolean extension, Map<String, String> settings) {
        EngineTestKit.Builder builder = EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", String.valueOf(extension))
                .configurationParameters(settings)
                .selectors(selectMethod(BenchCases.class, method));
        long start = System.nanoTime();
        long failed = builder.execute().testEvents().failed().count();
        long elapsed = System.nanoTime() - start;
        if (failed != 0) {
            throw new IllegalStateException(failed + " bench tests failed; the figures would mean nothing");
        }
        return elapsed;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
