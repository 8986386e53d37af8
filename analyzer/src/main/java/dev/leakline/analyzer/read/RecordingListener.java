package dev.leakline.analyzer.read;

import java.util.List;

/**
 * Receives a recording chunk by chunk, on the caller's thread, in file order. Memory stays bounded by one
 * chunk's events: the reader keeps nothing once a chunk is handed over.
 */
public interface RecordingListener {
    /**
     * One chunk and its events (empty when the chunk could not be read). Events are in no particular order.
     */
    void onChunk(ChunkFacts chunk, List<RecordedEvent> events);

    /** A problem that did not stop the reading, as one line a user can act on. */
    void onWarning(String message);
}
