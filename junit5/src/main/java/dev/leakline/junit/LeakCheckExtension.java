package dev.leakline.junit;

import dev.leakline.engine.analysis.AnalysisOptions;
import dev.leakline.engine.pairing.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The extension behind {@link LeakCheck}. Also registered for JUnit's extension auto-detection, so
 * {@code junit.jupiter.extensions.autodetection.enabled=true} checks every test of a project.
 *
 * <h2>What it does</h2>
 * The first checked test starts one JFR recording of the Leakline events, {@code jdk.ThreadStart} and
 * the extension's own {@code leakline.junit.TestBoundary} markers; it runs until JUnit finishes. Before
 * each test (ahead of its {@code @BeforeEach} methods) the extension marks the test's beginning; after it
 * (after its {@code @AfterEach} methods) it marks the end, reads the recording, and fails the test with a
 * {@link ResponseLeakError} for each response opened in between that was neither drained nor closed,
 * after waiting up to the grace period for late closes. With {@code threads} on, it then fails the test
 * with a {@link ThreadLeakError} for threads started during it and still alive after the thread grace.
 * How responses and threads are attributed under parallel execution is described on docs/junit.md.
 *
 * <h2>Configuration parameters</h2>
 * <table>
 *   <caption>JUnit configuration parameters read by the extension</caption>
 *   <tr><th>Parameter</th><th>Default</th><th>Meaning</th></tr>
 *   <tr><td>{@code leakline.junit.grace}</td><td>{@code 200ms}</td>
 *       <td>How long to wait for responses closed asynchronously</td></tr>
 *   <tr><td>{@code leakline.junit.threads}</td><td>{@code false}</td><td>Check threads in every test</td></tr>
 *   <tr><td>{@code leakline.junit.threads.grace}</td><td>{@code 1s}</td>
 *       <td>How long to wait for the test's threads to end</td></tr>
 *   <tr><td>{@code leakline.junit.threads.ignore}</td><td>(none)</td>
 *       <td>Comma-separated regular expressions of thread names that may outlive a test</td></tr>
 * </table>
 * An annotation attribute that is set wins over the parameter.
 */
public final class LeakCheckExtension implements BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LeakCheckExtension.class);
    /**
     * The first pause before re-reading the recording while waiting out a grace period; each pause is
     * twice the one before. Few reads matter: each rotates the chunk, and on JDK 17 an event written by
     * another thread while the chunk rotates can lose its thread and strings (see docs/junit.md).
     */
    private static final Duration FIRST_POLL = Duration.ofMillis(20);

    /** Called by JUnit. */
    public LeakCheckExtension() {
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Settings settings = Settings.of(context);
        RunRecorder recorder = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(RunRecorder.class, k -> RunRecorder.start(), RunRecorder.class);
        Set<Long> threadsBefore = settings.threads() ? ThreadCheck.liveIds() : Set.of();
        context.getStore(NAMESPACE).put(TestRun.class, recorder.begin(settings, threadsBefore));
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        TestRun run = context.getStore(NAMESPACE).remove(TestRun.class, TestRun.class);
        if (run == null) {
            return;
        }
        context.getRoot().getStore(NAMESPACE).get(RunRecorder.class, RunRecorder.class).end(run);
        if (run.openedNoResponse() && !run.settings().threads()) {
            return; // Nothing opened, nothing to check: skip the snapshot, which is nearly all of a check's cost.
        }

        long deadline = System.nanoTime() + run.settings().grace().toNanos();
        Observed observed = read(run);
        List<Response> leaks = Attribution.unfinished(run, observed);
        for (long pause = FIRST_POLL.toNanos(); !leaks.isEmpty() && System.nanoTime() < deadline; pause *= 2) {
            sleepNanos(Math.min(pause, deadline - System.nanoTime()));
            observed = read(run);
            leaks = Attribution.unfinished(run, observed);
        }
        AssertionError failure = leaks.isEmpty() ? null : ResponseLeakError.of(leaks, Frames.FILTER);

        if (run.settings().threads()) {
            deadline = System.nanoTime() + run.settings().threadGrace().toNanos();
            List<Thread> threads = ThreadCheck.leftover(run, observed);
            while (!threads.isEmpty() && System.nanoTime() < deadline) {
                sleepNanos(Math.min(FIRST_POLL.toNanos(), deadline - System.nanoTime())); // No read: cheap.
                threads = ThreadCheck.leftover(run, observed);
            }
            if (!threads.isEmpty()) {
                // Read again: a thread started after the last read has its start (and stack) only now.
                observed = read(run);
                ThreadLeakError threadFailure = ThreadLeakError.of(threads, observed);
                if (failure == null) {
                    failure = threadFailure;
                } else {
                    failure.addSuppressed(threadFailure);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static void sleepNanos(long nanos) throws InterruptedException {
        if (nanos > 0) {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        }
    }

    /**
     * Reads the recording and has the engine judge it, with the grace period as the minimum age: a response still
     * unfinished is leaked once it is older than that, in flight before (both fail the test, see
     * {@link Attribution}).
     */
    private static Observed read(TestRun run) {
        AnalysisOptions options = new AnalysisOptions(run.settings().grace(), List.of(), List.of());
        try {
            Observed observed = RecordingReader.readSince(run.readFrom(), options);
            if (observed.begin(run.id()).isEmpty()) {
                // The chunk with the begin marker was left out (clock skew between JFR and Instant.now()).
                observed = RecordingReader.readSince(run.readFrom().minusSeconds(2), options);
            }
            return observed;
        } catch (IOException e) {
            throw new UncheckedIOException("Leakline could not read its recording of this test", e);
        }
    }
}
