package dev.leakline.analyzer.watch;

import java.time.Duration;

/**
 * What is being watched, for the view's header.
 *
 * @param target      e.g. {@code pid 4242} or {@code JMX 10.0.0.5:9010}
 * @param startNanos  when the watch began, on the target's clock
 */
record WatchInfo(String target, long pid, String javaVersion, Duration minAge, long startNanos) {
}
