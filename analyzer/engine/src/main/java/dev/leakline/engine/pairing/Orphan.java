package dev.leakline.engine.pairing;

import dev.leakline.engine.event.JvmRun;

/**
 * A drain or close whose open is not in the recording: the response was opened before the recording started, or
 * in a chunk that was lost.
 *
 * @param kind {@code drained}, {@code closed} or {@code drained+closed}
 */
public record Orphan(JvmRun run, long responseId, String kind, long firstEventNanos) {
}
