package dev.leakline.engine.analysis;

import dev.leakline.engine.event.JvmInfo;
import dev.leakline.engine.event.JvmRun;

/**
 * What the recording covers of one JVM run.
 *
 * @param startNanos the start of its first chunk read
 * @param endNanos   the end of its last chunk read: "the end of the recording" for its responses and threads
 * @param chunks     chunks read
 * @param jvm        which JVM and Java version the run was, null when its chunks do not say
 */
public record RunFacts(JvmRun run, long startNanos, long endNanos, int chunks, JvmInfo jvm) {
}
