package dev.leakline.junit;

import java.util.List;

/** A {@code jdk.ThreadStart} event: which thread started which, and where. */
record StartedThread(long threadId, String name, long parentId, List<StackTraceElement> stack) {
}
