package dev.leakline.junit;

import dev.leakline.engine.pairing.Response;
import dev.leakline.engine.pairing.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Which of the engine's unfinished responses belong to a test.
 *
 * <ul>
 *   <li>A test fails for a response the engine judged {@code leaked}, {@code in_flight} or {@code uncertain}: as far
 *       as the recording tells, it was neither read to the end nor closed when the test and its grace period ended.
 *       (The extension judges with the grace period as the minimum age, so a response opened within the last grace
 *       period before the check is {@code in_flight}; a test must not end with it either.)
 *   <li>Only responses requested inside the test's window (between its begin and end markers) count: opened there, or
 *       for an asynchronous request, started there ({@code leakline.RequestStarted}).</li>
 *   <li>A test that ran alone owns every response opened in its window, on any thread: its own, threads it
 *       started, pool threads it borrowed.
 *   <li>A test that ran alongside others (JUnit parallel execution) owns the responses opened on its own
 *       thread and on threads that its thread started during the test, directly or transitively
 *       ({@code jdk.ThreadStart}'s parent thread and time). A response opened on a thread that existed before the test, such as a shared
 *       pool's, cannot be told apart from the other tests' and is not reported.
 * </ul>
 */
final class Attribution {
    /** The verdicts of a response that was not finished when the test ended. */
    static final Set<Verdict> UNFINISHED = EnumSet.of(Verdict.LEAKED, Verdict.IN_FLIGHT, Verdict.UNCERTAIN);

    private Attribution() {
    }

    static List<Response> unfinished(TestRun run, Observed observed) {
        Instant beginAt = observed.begin(run.id()).orElse(Instant.MIN);
        long begin = EventRecords.nanos(beginAt);
        long end = EventRecords.nanos(observed.end(run.id()).orElse(Instant.MAX));
        List<Response> leaks = new ArrayList<>();
        for (Response response : observed.analysis().pairing().responses()) {
            // When the application asked for it: an asynchronous request's start, on the test's thread. Its open comes
            // later on a client thread, possibly inside another test that ran nested on the same worker thread
            // (JUnit's fork-join pool runs a test while another waits on a future).
            long requested = response.requestedNanos();
            if (!UNFINISHED.contains(response.verdict()) || requested < begin || requested > end
                    || observed.anotherTestRan(run.id(), run.threadId(), response.threadId(), requested)) {
                continue;
            }
            if (!run.overlapped() || observed.descendsFrom(response.threadId(), run.threadId(), beginAt)) {
                leaks.add(response);
            }
        }
        leaks.sort(Comparator.comparingLong(Response::openedNanos));
        return leaks;
    }
}
