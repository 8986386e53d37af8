package dev.leakline.engine.pairing;

import dev.leakline.engine.event.JvmRun;

/**
 * A time span of one run whose events may be incomplete: a {@code jdk.DataLoss}, a damaged or truncated chunk, or a
 * gap between chunks. Verdicts that depend on the absence of an event in such a window are uncertain.
 *
 * <p>A window is confined to its own run: lost events of one JVM cannot hide a close of another. A window whose run is
 * unknown ({@code run} null: a reader that could not tell which JVM wrote the lost data) may only hide events of runs
 * that cannot be told apart either, those whose pid is unknown; identified runs are not affected by it.
 *
 * @param reason one line, e.g. {@code jdk.DataLoss (12345 bytes)}
 */
public record LossWindow(JvmRun run, long fromNanos, long toNanos, String reason) {
    /** Whether this window may hide an event of {@code run} between {@code from} and {@code to}. */
    public boolean overlaps(JvmRun other, long from, long to) {
        boolean sameRun = run == null ? other == null || other.pid() < 0 : run.equals(other);
        return sameRun && fromNanos <= to && toNanos >= from;
    }
}
