package dev.leakline.engine.jfr;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.leakline.engine.event.Frame;
import dev.leakline.engine.event.JvmRun;
import dev.leakline.engine.event.RecordedEvent.ConnectionReleased;
import dev.leakline.engine.event.RecordedEvent.DataLoss;
import dev.leakline.engine.event.RecordedEvent.RequestStarted;
import dev.leakline.engine.event.RecordedEvent.ResponseClosed;
import dev.leakline.engine.event.RecordedEvent.ResponseDrained;
import dev.leakline.engine.event.RecordedEvent.ResponseOpened;
import dev.leakline.engine.event.RecordedEvent.ThreadEnded;
import dev.leakline.engine.event.RecordedEvent.ThreadStarted;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;

/**
 * The boundary between {@code jdk.jfr.consumer} and the verdict engine: turns the JDK's event objects (what an
 * in-process recording or a live stream hands out) into the engine's records, field for field as the file reader's
 * {@code ChunkSinks} does with JMC's, so the JUnit extension, {@code leakline watch} and an offline analysis of the
 * same events judge the same facts. Unknown threads get id -1 and a null name, as there. The one copy of this
 * mapping: the engine itself stays free of reader types.
 */
public final class JfrEventRecords {
    /** At most this many frames per stack, as the file reader keeps (and JFR's default depth). */
    private static final int MAX_FRAMES = 64;

    private JfrEventRecords() {
    }

    /**
     * The engine's record for one event, or null for an event type the engine does not take.
     *
     * @param run the JVM run that wrote it
     */
    public static dev.leakline.engine.event.RecordedEvent convert(RecordedEvent e, JvmRun run) {
        return switch (e.getEventType().getName()) {
            case "leakline.ResponseOpened" -> opened(e, run);
            case "leakline.RequestStarted" -> {
                RecordedThread thread = e.getThread();
                yield new RequestStarted(run, nanos(e.getStartTime()), threadId(thread), threadName(thread),
                        e.getLong("responseId"), stringOrNull(e, "client"), stringOrNull(e, "method"),
                        stringOrNull(e, "uri"), frames(e.getStackTrace()));
            }
            case "leakline.ResponseDrained" -> new ResponseDrained(run, nanos(e.getStartTime()),
                    threadId(e.getThread()), e.getLong("responseId"), longOr(e, "bytesRead", 0),
                    stringOrNull(e, "drainedBy"));
            case "leakline.ResponseClosed" -> new ResponseClosed(run, nanos(e.getStartTime()), threadId(e.getThread()),
                    e.getLong("responseId"), longOr(e, "bytesRead", 0), e.getBoolean("drained"),
                    stringOrNull(e, "closedBy"));
            case "leakline.ConnectionReleased" -> new ConnectionReleased(run, nanos(e.getStartTime()),
                    longOr(e, "connectionId", 0), stringOrNull(e, "pool"), stringOrNull(e, "outcome"),
                    longOr(e, "responseId", 0));
            case "jdk.ThreadStart" -> threadStarted(e, run);
            case "jdk.ThreadEnd" -> {
                RecordedThread thread = e.getThread("thread");
                yield new ThreadEnded(run, nanos(e.getStartTime()), threadId(thread), threadName(thread));
            }
            case "jdk.DataLoss" -> new DataLoss(run, nanos(e.getStartTime()), longOr(e, "amount", 0));
            default -> null;
        };
    }

    /** A {@code leakline.ResponseOpened}. */
    public static ResponseOpened opened(RecordedEvent e, JvmRun run) {
        RecordedThread thread = e.getThread();
        return new ResponseOpened(run, nanos(e.getStartTime()), threadId(thread), threadName(thread),
                e.getLong("responseId"), longOr(e, "connectionId", 0), stringOrNull(e, "client"),
                stringOrNull(e, "method"), stringOrNull(e, "uri"), (int) longOr(e, "status", 0),
                stringOrNull(e, "protocol"), longOr(e, "contentLength", -1), frames(e.getStackTrace()),
                stringOrNull(e, "pool"));
    }

    /** A {@code jdk.ThreadStart}; its parent is the thread that wrote the event when the field is absent. */
    public static ThreadStarted threadStarted(RecordedEvent e, JvmRun run) {
        RecordedThread thread = e.getThread("thread");
        RecordedThread parent = e.hasField("parentThread") ? e.getThread("parentThread") : null;
        if (parent == null) {
            parent = e.getThread();
        }
        return new ThreadStarted(run, nanos(e.getStartTime()), threadId(thread), threadName(thread), threadId(parent),
                threadName(parent), frames(e.getStackTrace()));
    }

    /** Epoch nanoseconds; {@link Instant#MIN} and {@link Instant#MAX} saturate. */
    public static long nanos(Instant time) {
        try {
            return Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000_000L), time.getNano());
        } catch (ArithmeticException e) {
            return time.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    /** Innermost frame first, as the engine's frames. */
    public static List<Frame> frames(RecordedStackTrace stack) {
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

    /** A thread's Java thread id, -1 when the recording could not name the thread. */
    public static long threadId(RecordedThread thread) {
        return thread == null ? -1 : thread.getJavaThreadId();
    }

    /** A thread's Java name, null when the recording could not name the thread. */
    public static String threadName(RecordedThread thread) {
        return thread == null ? null : thread.getJavaName();
    }

    /** A numeric field, or {@code absent} when the event type has no such field (older library versions). */
    private static long longOr(RecordedEvent e, String field, long absent) {
        return e.hasField(field) ? e.getLong(field) : absent;
    }

    private static String stringOrNull(RecordedEvent e, String field) {
        return e.hasField(field) ? e.getString(field) : null;
    }
}
