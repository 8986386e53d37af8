package dev.leakline.junit;

import java.util.List;

/**
 * Picks and prints the frames of an opening (or thread start) that a reader needs: from the first
 * application frame, above it the HTTP client's and Leakline's own frames, down to where JUnit called
 * the test.
 */
final class Frames {
    /** Frames of the HTTP clients, the JDK and Leakline itself; never the line to fix. */
    private static final List<String> LIBRARY = List.of(
            "dev.leakline.jfr.", "java.", "javax.", "jdk.", "sun.", "com.sun.",
            "okhttp3.", "okio.", "org.apache.hc.", "org.apache.http.", "kotlin.", "software.amazon.awssdk.");
    /** Where the test framework begins: frames below are JUnit's and reflection's, not the test's. */
    private static final List<String> RUNNER = List.of(
            "org.junit.", "jdk.internal.reflect.", "java.lang.reflect.", "java.lang.invoke.", "jdk.proxy");

    private Frames() {
    }

    /** The frames from the first application frame down to JUnit; all frames when none is the application's. */
    static StackTraceElement[] application(List<StackTraceElement> frames) {
        int first = 0;
        while (first < frames.size() && startsWithAny(frames.get(first).getClassName(), LIBRARY)) {
            first++;
        }
        if (first == frames.size()) {
            first = 0;
        }
        int last = first;
        while (last < frames.size() && !startsWithAny(frames.get(last).getClassName(), RUNNER)) {
            last++;
        }
        return frames.subList(first, Math.max(last, Math.min(first + 1, frames.size())))
                .toArray(new StackTraceElement[0]);
    }

    static void append(StringBuilder out, StackTraceElement[] frames) {
        if (frames.length == 0) {
            out.append("\n\t(no stack trace recorded)");
        }
        for (StackTraceElement frame : frames) {
            out.append("\n\tat ").append(frame);
        }
    }

    private static boolean startsWithAny(String className, List<String> prefixes) {
        for (String prefix : prefixes) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
