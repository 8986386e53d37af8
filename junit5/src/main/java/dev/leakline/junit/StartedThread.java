package dev.leakline.junit;

import java.time.Instant;
import java.util.List;

/** A {@code jdk.ThreadStart} event: which thread started which, when, and where. */
record StartedThread(long threadId, String name, long parentId, Instant time, List<StackTraceElement> stack) {
}
