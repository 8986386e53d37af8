package dev.leakline.engine.event;

import java.util.List;

/**
 * An event the analyzer cares about, converted from the parser's representation at the boundary. Times are
 * nanoseconds since the epoch; thread ids are Java thread ids (unique per run, also for virtual threads).
 */
public sealed interface RecordedEvent {
    /** The JVM run that wrote the event. */
    JvmRun run();

    /** When the event happened, in epoch nanoseconds. */
    long timeNanos();

    /**
     * {@code leakline.ResponseOpened}.
     *
     * @param pool the pool its connection belongs to, as the event names it; null when it names none (recordings
     *             made before the field existed, or clients without a pool)
     */
    record ResponseOpened(JvmRun run, long timeNanos, long javaThreadId, String threadName, long responseId,
            long connectionId, String client, String method, String uri, int status, String protocol,
            long contentLength, List<Frame> stack, String pool) implements RecordedEvent {
        public ResponseOpened {
            stack = List.copyOf(stack);
            pool = pool == null || pool.isEmpty() ? null : pool;
        }

        /** An open that names no pool. */
        public ResponseOpened(JvmRun run, long timeNanos, long javaThreadId, String threadName, long responseId,
                long connectionId, String client, String method, String uri, int status, String protocol,
                long contentLength, List<Frame> stack) {
            this(run, timeNanos, javaThreadId, threadName, responseId, connectionId, client, method, uri, status,
                    protocol, contentLength, stack, null);
        }
    }

    /**
     * {@code leakline.RequestStarted}: an asynchronous request ({@code sendAsync}, OkHttp {@code enqueue}) started;
     * its stack is the starting thread's, the application's line, while its response opens later on one of the
     * client's threads. Tied to that response by (run, response id); a start whose request failed has no response.
     */
    record RequestStarted(JvmRun run, long timeNanos, long javaThreadId, String threadName, long responseId,
            String client, String method, String uri, List<Frame> stack) implements RecordedEvent {
        public RequestStarted {
            stack = List.copyOf(stack);
        }
    }

    /** {@code leakline.ResponseDrained}. */
    record ResponseDrained(JvmRun run, long timeNanos, long javaThreadId, long responseId, long bytesRead,
            String drainedBy) implements RecordedEvent {
    }

    /** {@code leakline.ResponseClosed}. */
    record ResponseClosed(JvmRun run, long timeNanos, long javaThreadId, long responseId, long bytesRead,
            boolean drained, String closedBy) implements RecordedEvent {
    }

    /** {@code leakline.ConnectionReleased}. */
    record ConnectionReleased(JvmRun run, long timeNanos, long connectionId, String pool, String outcome,
            long responseId) implements RecordedEvent {
    }

    /**
     * {@code jdk.ThreadStart}: the stack is the parent's call of {@code Thread.start()}.
     */
    record ThreadStarted(JvmRun run, long timeNanos, long javaThreadId, String name, long parentThreadId,
            String parentName, List<Frame> stack) implements RecordedEvent {
        public ThreadStarted {
            stack = List.copyOf(stack);
        }
    }

    /** {@code jdk.ThreadEnd}. */
    record ThreadEnded(JvmRun run, long timeNanos, long javaThreadId, String name) implements RecordedEvent {
    }

    /**
     * A thread that wrote some event in a chunk: lets the analyzer see threads that started before the
     * recording (they have no {@code jdk.ThreadStart}). One per thread per chunk, at its last event in the chunk.
     */
    record ThreadSeen(JvmRun run, long timeNanos, long javaThreadId, String name) implements RecordedEvent {
    }

    /** {@code jdk.DataLoss}: the JVM dropped event data it could not write in time. */
    record DataLoss(JvmRun run, long timeNanos, long bytesLost) implements RecordedEvent {
    }
}
