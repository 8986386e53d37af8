package dev.leakline.junit;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The events of one read of the run's recording, keyed for the questions the extension asks: which
 * responses opened, which of them finished (drained or closed), who started each thread, and where
 * each test's window begins and ends.
 */
final class Observed {
    private final Map<Long, OpenedResponse> opened = new HashMap<>();
    private final Set<Long> finished = new HashSet<>();
    private final Map<Long, StartedThread> threads = new HashMap<>();
    private final Map<Long, Instant> begins = new HashMap<>();
    private final Map<Long, Instant> ends = new HashMap<>();

    void opened(OpenedResponse response) {
        opened.put(response.id(), response);
    }

    void finished(long responseId) {
        finished.add(responseId);
    }

    void threadStarted(StartedThread thread) {
        threads.put(thread.threadId(), thread);
    }

    void boundary(long run, boolean end, Instant time) {
        (end ? ends : begins).put(run, time);
    }

    Iterable<OpenedResponse> opened() {
        return opened.values();
    }

    boolean isFinished(long responseId) {
        return finished.contains(responseId);
    }

    Optional<StartedThread> thread(long threadId) {
        return Optional.ofNullable(threads.get(threadId));
    }

    Optional<Instant> begin(long run) {
        return Optional.ofNullable(begins.get(run));
    }

    Optional<Instant> end(long run) {
        return Optional.ofNullable(ends.get(run));
    }

    /**
     * Whether {@code threadId} is {@code ancestor} or was started by it, directly or through threads it
     * started, with every start at or after {@code since}. Only starts inside the test's window count: under
     * JUnit's parallel execution the worker that forks the tests also starts the pool's other workers, so
     * without the window a test would own the threads (and leaks) of the tests that ran beside it.
     * Bounded: a thread id can be reused after a thread ends, which could make a cycle.
     */
    boolean descendsFrom(long threadId, long ancestor, Instant since) {
        long current = threadId;
        for (int depth = 0; depth < 64; depth++) {
            if (current == ancestor) {
                return true;
            }
            StartedThread started = threads.get(current);
            if (started == null || started.parentId() == 0 || started.time().isBefore(since)) {
                return false;
            }
            current = started.parentId();
        }
        return false;
    }
}
