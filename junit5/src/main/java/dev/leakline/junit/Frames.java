package dev.leakline.junit;

import dev.leakline.engine.event.Frame;
import dev.leakline.engine.sites.FrameFilter;
import java.util.List;

/**
 * Picks and prints the frames of an opening (or thread start) that a reader needs: from the first
 * application frame (as the engine's {@link FrameFilter} finds it, the frame that names the site), down to where
 * JUnit called the test.
 */
final class Frames {
    /** The engine's filter: the HTTP clients', the JDK's and Leakline's own frames are never the line to fix. */
    static final FrameFilter FILTER = FrameFilter.withExtraPrefixes(List.of());
    /** Where the test framework begins: frames below are JUnit's and reflection's, not the test's. */
    private static final List<String> RUNNER = List.of(
            "org.junit.", "jdk.internal.reflect.", "java.lang.reflect.", "java.lang.invoke.", "jdk.proxy");

    private Frames() {
    }

    /** The frames from the first application frame down to JUnit; all frames when none is the application's. */
    static StackTraceElement[] application(List<Frame> frames) {
        // The engine's site frame, the same one the leakline command names.
        int first = Math.max(0, FILTER.siteIndex(frames));
        int last = first;
        while (last < frames.size() && !isRunner(frames.get(last))) {
            last++;
        }
        return frames.subList(first, Math.max(last, Math.min(first + 1, frames.size()))).stream()
                .filter(f -> !FrameFilter.isGenerated(f)) // a lambda's or proxy's generated class, never the line
                .map(Frame::toStackTraceElement).toArray(StackTraceElement[]::new);
    }

    static void append(StringBuilder out, StackTraceElement[] frames) {
        if (frames.length == 0) {
            out.append("\n\t(no stack trace recorded)");
        }
        for (StackTraceElement frame : frames) {
            out.append("\n\tat ").append(frame);
        }
    }

    private static boolean isRunner(Frame frame) {
        for (String prefix : RUNNER) {
            if (frame.type().startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
