package dev.leakline.junit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import jdk.jfr.consumer.EventStream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;

/**
 * Reads what the JVM has recorded since a given instant, now.
 *
 * <p>Why not a {@code RecordingStream}: a stream sees events only after the JVM flushes them, once a
 * second at best (JDK 17 to 25 clamp the flush interval to 1 s), so a test would wait up to a second to
 * know it is clean. A snapshot ({@link FlightRecorder#takeSnapshot()}) rotates the disk chunk instead,
 * which writes every thread's buffered events at once; reading the chunks that cover the test then costs
 * a few milliseconds, mostly the parsing of the chunk's metadata.
 */
final class RecordingReader {
    private static final String OPENED = "leakline.ResponseOpened";
    private static final String DRAINED = "leakline.ResponseDrained";
    private static final String CLOSED = "leakline.ResponseClosed";
    private static final String THREAD_START = "jdk.ThreadStart";

    private RecordingReader() {
    }

    /** The events recorded from about {@code from} until now. */
    static Observed readSince(Instant from) throws IOException {
        Observed observed = new Observed();
        Path file = Files.createTempFile("leakline-junit-", ".jfr");
        try {
            try (Recording snapshot = FlightRecorder.getFlightRecorder().takeSnapshot();
                    InputStream in = snapshot.getStream(from, null)) {
                if (in == null) {
                    return observed;
                }
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
            try (EventStream events = EventStream.openFile(file)) {
                events.onEvent(OPENED, e -> observed.opened(opened(e)));
                events.onEvent(DRAINED, e -> observed.finished(e.getLong("responseId")));
                events.onEvent(CLOSED, e -> observed.finished(e.getLong("responseId")));
                events.onEvent(THREAD_START, e -> started(e, observed));
                events.onEvent(TestBoundaryEvent.NAME,
                        e -> observed.boundary(e.getLong("run"), e.getBoolean("end"), e.getStartTime()));
                events.start();
            }
        } finally {
            Files.deleteIfExists(file);
        }
        return observed;
    }

    private static OpenedResponse opened(RecordedEvent e) {
        RecordedThread thread = e.getThread();
        return new OpenedResponse(e.getLong("responseId"), e.getString("client"), e.getString("method"),
                e.getString("uri"), thread == null ? 0 : thread.getJavaThreadId(),
                thread == null ? "?" : thread.getJavaName(), e.getStartTime(), frames(e.getStackTrace()));
    }

    private static void started(RecordedEvent e, Observed observed) {
        RecordedThread thread = e.getThread("thread");
        if (thread == null) {
            return;
        }
        RecordedThread parent = e.getThread("parentThread");
        observed.threadStarted(new StartedThread(thread.getJavaThreadId(), thread.getJavaName(),
                parent == null ? 0 : parent.getJavaThreadId(), e.getStartTime(), frames(e.getStackTrace())));
    }

    /**
     * JFR frames as {@link StackTraceElement}s. JFR does not record source file names; the file is
     * derived from the top-level class name, which is right for Java sources.
     */
    static List<StackTraceElement> frames(RecordedStackTrace stack) {
        List<StackTraceElement> frames = new ArrayList<>();
        if (stack == null) {
            return frames;
        }
        for (RecordedFrame frame : stack.getFrames()) {
            if (!frame.isJavaFrame() || frame.getMethod() == null || frame.getMethod().getType() == null) {
                continue;
            }
            String className = frame.getMethod().getType().getName();
            if (className.contains("$$Lambda")) {
                continue; // A lambda's generated class: the lambda body's own frame is just below it.
            }
            frames.add(new StackTraceElement(className, frame.getMethod().getName(), sourceFile(className),
                    frame.getLineNumber()));
        }
        return frames;
    }

    private static String sourceFile(String className) {
        String simple = className.substring(className.lastIndexOf('.') + 1);
        int nested = simple.indexOf('$');
        return (nested > 0 ? simple.substring(0, nested) : simple) + ".java";
    }
}
