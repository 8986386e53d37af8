package dev.leakline.analyzer.read;

/**
 * A chunk's clock, from its header: turns a time in ticks into epoch nanoseconds exactly as JMC 9.1 converts a
 * {@code @Timestamp(TICKS)} field, so that what the analyzer decodes itself has the times JMC would give.
 *
 * @param startNanos     the chunk's start, epoch nanoseconds
 * @param startTicks     the chunk's start, ticks
 * @param ticksPerSecond the tick frequency
 */
record ChunkClock(long startNanos, long startTicks, long ticksPerSecond) {
    static ChunkClock of(ChunkHeader header) {
        return new ChunkClock(header.startNanos(), header.startTicks(), header.ticksPerSecond());
    }

    long epochNanos(long ticks) {
        double ticksPerNano = ticksPerSecond / 1000000000.0;
        return startNanos + (long) ((ticks - startTicks) / ticksPerNano);
    }
}
