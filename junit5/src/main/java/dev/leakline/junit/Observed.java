package dev.leakline.junit;

import dev.leakline.engine.analysis.Analysis;
import dev.leakline.engine.event.RecordedEvent.ThreadStarted;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One read of the run's recording: the verdict engine's {@link Analysis} of the responses in it, plus what only the
 * extension asks about: who started each thread, and where each test's window begins and ends.
 */
final class Observed {
    private final Analysis analysis;
    private final Map<Long, ThreadStarted> threads;
    private final Map<Long, Instant> begins;
    private final Map<Long, Instant> ends;
    /** The thread each test began on, by test run id. */
    private final Map<Long, Long> beginThreads;

    Observed(Analysis analysis, Map<Long, ThreadStarted> threads, Map<Long, Instant> begins, Map<Long, Instant> ends) {
        this(analysis, threads, begins, ends, Map.of());
    }

    Observed(Analysis analysis, Map<Long, ThreadStarted> threads, Map<Long, Instant> begins, Map<Long, Instant> ends,
            Map<Long, Long> beginThreads) {
        this.analysis = analysis;
        this.threads = Map.copyOf(threads);
        this.begins = Map.copyOf(begins);
        this.ends = Map.copyOf(ends);
        this.beginThreads = Map.copyOf(beginThreads);
    }

    /**
     * Whether another test was running on thread {@code threadId} at {@code nanos}, so that what the thread did then
     * is that test's, not test {@code run}'s. Two cases under JUnit's parallel execution: a worker that the test's
     * thread started (the fork-join pool adds a worker when one blocks on a future) runs another test; and a test
     * runs nested on the test's own thread while the test waits (then the later-begun, inner test owns it).
     */
    boolean anotherTestRan(long run, long runThreadId, long threadId, long nanos) {
        Instant ownBegin = begins.get(run);
        for (Map.Entry<Long, Long> other : beginThreads.entrySet()) {
            Instant begin = begins.get(other.getKey());
            Instant end = ends.get(other.getKey());
            if (other.getKey() == run || other.getValue() != threadId || begin == null
                    || EventRecords.nanos(begin) > nanos || (end != null && nanos > EventRecords.nanos(end))) {
                continue;
            }
            if (threadId != runThreadId || ownBegin == null || begin.isAfter(ownBegin)) {
                return true;
            }
        }
        return false;
    }

    /** The engine's verdicts on every response in the read. */
    Analysis analysis() {
        return analysis;
    }

    Optional<ThreadStarted> thread(long threadId) {
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
        long sinceNanos = EventRecords.nanos(since);
        long current = threadId;
        for (int depth = 0; depth < 64; depth++) {
            if (current == ancestor) {
                return true;
            }
            ThreadStarted started = threads.get(current);
            if (started == null || started.parentThreadId() <= 0 || started.timeNanos() < sinceNanos) {
                return false;
            }
            current = started.parentThreadId();
        }
        return false;
    }
}
