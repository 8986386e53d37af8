package dev.leakline.engine.pairing;

import dev.leakline.engine.event.JvmRun;

/**
 * One connection as the events tell it (clients that report connection ids).
 *
 * @param pool      its pool, from {@code leakline.ConnectionReleased}, null when never released
 * @param responses responses opened on it
 * @param pooled    times it went back to its pool
 * @param closed    times it was closed instead (at most once, unless ids are reused)
 */
public record Connection(JvmRun run, long connectionId, String pool, long responses, long pooled, long closed) {
}
