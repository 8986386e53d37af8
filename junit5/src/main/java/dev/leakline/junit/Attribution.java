package dev.leakline.junit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which unfinished responses belong to a test.
 *
 * <ul>
 *   <li>Only responses opened inside the test's window (between its begin and end markers) count.
 *   <li>A test that ran alone owns every response opened in its window, on any thread: its own, threads it
 *       started, pool threads it borrowed.
 *   <li>A test that ran alongside others (JUnit parallel execution) owns the responses opened on its own
 *       thread and on threads that its thread started during the test, directly or transitively
 *       ({@code jdk.ThreadStart}'s parent thread and time). A response opened on a thread that existed before the test, such as a shared
 *       pool's, cannot be told apart from the other tests' and is not reported.
 * </ul>
 */
final class Attribution {
    private Attribution() {
    }

    static List<OpenedResponse> unfinished(TestRun run, Observed observed) {
        Instant begin = observed.begin(run.id()).orElse(Instant.MIN);
        Instant end = observed.end(run.id()).orElse(Instant.MAX);
        List<OpenedResponse> leaks = new ArrayList<>();
        for (OpenedResponse response : observed.opened()) {
            if (observed.isFinished(response.id())
                    || response.time().isBefore(begin) || response.time().isAfter(end)) {
                continue;
            }
            if (!run.overlapped() || observed.descendsFrom(response.threadId(), run.threadId(), begin)) {
                leaks.add(response);
            }
        }
        leaks.sort(Comparator.comparing(OpenedResponse::time));
        return leaks;
    }
}
