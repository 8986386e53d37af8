package dev.leakline.engine.timeline;

import java.time.Instant;
import java.util.Objects;

/**
 * One thread's life within the recording.
 *
 * @param start when it started ({@code jdk.ThreadStart}); {@code null} when it was already running when the
 *     recording began
 * @param end when it ended ({@code jdk.ThreadEnd}); {@code null} when it was still alive at the end
 * @param foldedName its name with digit runs folded to {@code #} (e.g. {@code HttpClient-#-SelectorManager}),
 *     so that one client's many threads make one series
 */
public record ThreadSpan(Instant start, Instant end, String foldedName) {

    /** Checks the span: a name is required and a thread cannot end before it starts. */
    public ThreadSpan {
        Objects.requireNonNull(foldedName, "foldedName");
        if (start != null && end != null && end.isBefore(start)) {
            throw new IllegalArgumentException("thread " + foldedName + " ended at " + end + " before it started at " + start);
        }
    }
}
