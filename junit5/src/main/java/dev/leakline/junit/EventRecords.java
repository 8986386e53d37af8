package dev.leakline.junit;

import dev.leakline.engine.event.Frame;
import dev.leakline.engine.event.JvmRun;
import dev.leakline.engine.event.RecordedEvent.ConnectionReleased;
import dev.leakline.engine.event.RecordedEvent.DataLoss;
import dev.leakline.engine.event.RecordedEvent.ResponseClosed;
import dev.leakline.engine.event.RecordedEvent.ResponseDrained;
import dev.leakline.engine.event.RecordedEvent.RequestStarted;
import dev.leakline.engine.event.RecordedEvent.ResponseOpened;
import dev.leakline.engine.event.RecordedEvent.ThreadStarted;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;

/**
 * The boundary between {@code jdk.jfr.consumer} and the verdict engine: turns the JDK's event objects into the
 * engine's records, field for field as the command line's JMC reader does, so that both front-ends judge the same
 * facts. Unknown threads get id -1 and a null name, as there.
 */
final class EventRecords {
    /** At most this many frames per stack, the command line's limit too (and JFR's default depth). */
    private static final int MAX_FRAMES = 64;

    private EventRecords() {
    }

    static ResponseOpened opened(RecordedEvent e, JvmRun run) {
        RecordedThread thread = e.getThread();
        return new ResponseOpened(run, nanos(e.getStartTime()), threadId(thread), threadName(thread),
                e.getLong("responseId"), longOr(e, "connectionId", 0), e.getString("client"), e.getString("method"),
                e.getString("uri"), (int) longOr(e, "status", 0), e.getString("protocol"),
                longOr(e, "contentLength", -1), frames(e.getStackTrace()), stringOrNull(e, "pool"));
    }

    /** A {@code leakline.RequestStarted}: the engine gives its response this stack and thread. */
    static RequestStarted started(RecordedEvent e, JvmRun run) {
        RecordedThread thread = e.getThread();
        return new RequestStarted(run, nanos(e.getStartTime()), threadId(thread), threadName(thread),
                e.getLong("responseId"), e.getString("client"), e.getString("method"), e.getString("uri"),
                frames(e.getStackTrace()));
    }

    static ResponseDrained drained(RecordedEvent e, JvmRun run) {
        return new ResponseDrained(run, nanos(e.getStartTime()), threadId(e.getThread()), e.getLong("responseId"),
                longOr(e, "bytesRead", 0), e.getString("drainedBy"));
    }

    static ResponseClosed closed(RecordedEvent e, JvmRun run) {
        return new ResponseClosed(run, nanos(e.getStartTime()), threadId(e.getThread()), e.getLong("responseId"),
                longOr(e, "bytesRead", 0), e.getBoolean("drained"), e.getString("closedBy"));
    }

    static ConnectionReleased released(RecordedEvent e, JvmRun run) {
        return new ConnectionReleased(run, nanos(e.getStartTime()), longOr(e, "connectionId", 0),
                e.getString("pool"), e.getString("outcome"), longOr(e, "responseId", 0));
    }

    /** A {@code jdk.ThreadStart}; its parent is the thread that wrote the event when the field is absent. */
    static ThreadStarted threadStarted(RecordedEvent e, JvmRun run) {
        RecordedThread thread = e.getThread("thread");
        RecordedThread parent = e.hasField("parentThread") ? e.getThread("parentThread") : null;
        if (parent == null) {
            parent = e.getThread();
        }
        return new ThreadStarted(run, nanos(e.getStartTime()), threadId(thread), threadName(thread), threadId(parent),
                threadName(parent), frames(e.getStackTrace()));
    }

    static DataLoss dataLoss(RecordedEvent e, JvmRun run) {
        return new DataLoss(run, nanos(e.getStartTime()), longOr(e, "amount", 0));
    }

    /** Epoch nanoseconds; {@link Instant#MIN} and {@link Instant#MAX} (open window ends) saturate. */
    static long nanos(Instant time) {
        try {
            return Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000_000L), time.getNano());
        } catch (ArithmeticException e) {
            return time.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    /** Every frame, outermost last, as the engine's frames (which work out the file name the same way). */
    static List<Frame> frames(RecordedStackTrace stack) {
        if (stack == null) {
            return List.of();
        }
        List<Frame> frames = new ArrayList<>();
        for (RecordedFrame frame : stack.getFrames()) {
            if (frames.size() == MAX_FRAMES) {
                break;
            }
            RecordedMethod method = frame.getMethod();
            String type = method == null || method.getType() == null ? null : method.getType().getName();
            frames.add(new Frame(type, method == null ? null : method.getName(), frame.getLineNumber()));
        }
        return List.copyOf(frames);
    }

    private static long threadId(RecordedThread thread) {
        return thread == null ? -1 : thread.getJavaThreadId();
    }

    private static String threadName(RecordedThread thread) {
        return thread == null ? null : thread.getJavaName();
    }

    /** A numeric field, or {@code absent} when the event type has no such field (recordings of older versions). */
    private static long longOr(RecordedEvent e, String field, long absent) {
        return e.hasField(field) ? e.getLong(field) : absent;
    }

    private static String stringOrNull(RecordedEvent e, String field) {
        return e.hasField(field) ? e.getString(field) : null;
    }
}
