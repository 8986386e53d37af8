package dev.leakline.engine.threads;

import dev.leakline.engine.event.JvmRun;

/**
 * One thread's life as the recording tells it; what the timeline charts as "threads alive".
 *
 * @param foldedName  its name with digit runs folded to {@code #}
 * @param startNanos  its {@code jdk.ThreadStart}, epoch nanoseconds; -1 when it started before the recording
 * @param endNanos    its {@code jdk.ThreadEnd}, epoch nanoseconds; -1 when it was alive at the end
 */
public record ThreadLife(JvmRun run, long javaThreadId, String foldedName, long startNanos, long endNanos) {
}
