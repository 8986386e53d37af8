package dev.leakline.engine.event;

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
 * @param jvm        which JVM and Java version wrote it, null when unknown (not read, or no {@code jdk.JVMInformation})
 */
public record ChunkFacts(String source, int index, long startNanos, long endNanos, JvmRun run, Outcome outcome,
        String problem, JvmInfo jvm) {
    /** A chunk whose JVM and Java version are unknown. */
    public ChunkFacts(String source, int index, long startNanos, long endNanos, JvmRun run, Outcome outcome,
            String problem) {
        this(source, index, startNanos, endNanos, run, outcome, problem, null);
    }

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
