package dev.leakline.engine.sites;

import java.util.ArrayList;
import java.util.List;

import dev.leakline.engine.event.Frame;

/**
 * Finds the application's frames in a stack: the frames that are not Leakline's, the JDK's or an HTTP client
 * library's. The first of them is the line to fix.
 */
public final class FrameFilter {
    /** Packages whose frames are never the application's. Users add theirs with {@code --skip-frames}. */
    public static final List<String> DEFAULT_SKIPPED_PREFIXES = List.of("dev.leakline.jfr.", "dev.leakline.agent.jdk.", "java.", "javax.", "jdk.",
            "sun.", "com.sun.", "org.apache.hc.", "org.apache.http.", "okhttp3.", "okio.", "kotlin.", "org.junit.",
            "software.amazon.awssdk.");

    private final List<String> skipped;

    private FrameFilter(List<String> skipped) {
        this.skipped = List.copyOf(skipped);
    }

    /** The default prefixes plus {@code extra}. */
    public static FrameFilter withExtraPrefixes(List<String> extra) {
        List<String> all = new ArrayList<>(DEFAULT_SKIPPED_PREFIXES);
        all.addAll(extra);
        return new FrameFilter(all);
    }

    /** All skipped prefixes, defaults first. */
    public List<String> skippedPrefixes() {
        return skipped;
    }

    /** Whether a frame belongs to the application. */
    public boolean isApplication(Frame frame) {
        if (frame.type().contains("$$Lambda")) {
            return false; // a lambda's generated class: the lambda's body is the next frame
        }
        for (String prefix : skipped) {
            if (frame.type().startsWith(prefix)) {
                return false;
            }
        }
        return true;
    }

    /** Up to {@code max} application frames, innermost first. */
    public List<Frame> applicationFrames(List<Frame> stack, int max) {
        List<Frame> frames = new ArrayList<>();
        for (Frame frame : stack) {
            if (isApplication(frame)) {
                frames.add(frame);
                if (frames.size() == max) {
                    break;
                }
            }
        }
        return List.copyOf(frames);
    }

    /**
     * The site a stack stands for: its first application frame, or its innermost frame when it has none (then the
     * site names a library line, which still beats nothing), or {@code (no stack trace)}.
     */
    public String siteOf(List<Frame> stack) {
        for (Frame frame : stack) {
            if (isApplication(frame)) {
                return frame.toString();
            }
        }
        return stack.isEmpty() ? NO_STACK : stack.get(0).toString();
    }

    /** The site of responses recorded without a stack trace. */
    public static final String NO_STACK = "(no stack trace)";
}
