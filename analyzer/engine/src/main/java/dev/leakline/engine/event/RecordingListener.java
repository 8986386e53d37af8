package dev.leakline.engine.event;

/**
 * Receives a recording as it is parsed: the events of a chunk, then the chunk's facts. Calls come one at a time
 * (never concurrently), chunk after chunk in file order; within a chunk events are in no particular order. The reader
 * keeps nothing once it has handed a record over, so memory is the listener's choice.
 */
public interface RecordingListener {
    /** One event of the chunk being read. */
    void onEvent(RecordedEvent event);

    /**
     * The chunk whose events were just delivered is done (or could not be read: then it delivered nothing, or, for a
     * chunk damaged part way, the events before the damage).
     */
    void onChunk(ChunkFacts chunk);

    /** A problem that did not stop the reading, as one line a user can act on. */
    void onWarning(String message);

    /**
     * How far the reader has got in one file, for a progress bar: called after each chunk (and once at the start of
     * the file). Does nothing unless the listener cares.
     *
     * @param source     the file being read
     * @param bytesDone  bytes of its (decompressed) data read so far
     * @param bytesTotal its (decompressed) size
     */
    default void onProgress(String source, long bytesDone, long bytesTotal) {
    }
}
