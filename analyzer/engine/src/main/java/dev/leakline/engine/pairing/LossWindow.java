package dev.leakline.engine.pairing;

import dev.leakline.engine.event.JvmRun;

/**
 * A time span of one run whose events may be incomplete: a {@code jdk.DataLoss}, a damaged or truncated chunk, or a
 * gap between chunks. Verdicts that depend on the absence of an event in such a window are uncertain.
 *
 * @param reason one line, e.g. {@code jdk.DataLoss (12345 bytes)}
 */
public record LossWindow(JvmRun run, long fromNanos, long toNanos, String reason) {
    /** Whether this window may hide an event of {@code run} between {@code from} and {@code to}. */
    public boolean overlaps(JvmRun other, long from, long to) {
        return (run == null || run.equals(other)) && fromNanos <= to && toNanos >= from;
    }
}
