package dev.leakline.analyzer.read;

/**
 * What the reader learned about one chunk.
 *
 * @param source     the input the chunk came from (the path the user gave, or a file in a directory)
 * @param index      the chunk's position in its input, from 1
 * @param startNanos the chunk's start, epoch nanoseconds (from its header)
 * @param endNanos   the chunk's end, epoch nanoseconds
 * @param run        the JVM run that wrote it
 * @param outcome    whether it was read
 * @param problem    why not, null when read
 */
public record ChunkFacts(String source, int index, long startNanos, long endNanos, JvmRun run, Outcome outcome,
        String problem) {
    /** Whether a chunk could be read. */
    public enum Outcome {
        /** Parsed. */
        READ,
        /** Its bytes are damaged; skipped. */
        DAMAGED,
        /** The file ends inside it; skipped. */
        TRUNCATED
    }

    /** Whether the chunk's events reached the analysis. */
    public boolean wasRead() {
        return outcome == Outcome.READ;
    }
}
