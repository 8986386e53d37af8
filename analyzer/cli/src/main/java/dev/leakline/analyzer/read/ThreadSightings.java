package dev.leakline.analyzer.read;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The latest time each thread was seen in the events {@link UnneededEvents} hid from JMC, by the thread's constant-pool
 * key, in the chunk's ticks; {@link ChunkSinks} turns keys into JMC's thread objects once the pools are resolved.
 */
final class ThreadSightings {
    /** Nothing hidden. */
    static final ThreadSightings NONE = new ThreadSightings(0, 0, 0);

    private final long startNanos;
    private final long startTicks;
    private final long ticksPerSecond;
    private final Map<Long, long[]> latestTicks = new HashMap<>();
    /** JFR writes a thread's events together (one buffer per thread), so most lookups are for the key before. */
    private long lastKey = -1;
    private long[] lastCell;
    /** How many events were hidden. */
    int hidden;

    ThreadSightings(long startNanos, long startTicks, long ticksPerSecond) {
        this.startNanos = startNanos;
        this.startTicks = startTicks;
        this.ticksPerSecond = ticksPerSecond;
    }

    void note(long threadKey, long ticks) {
        long[] cell = threadKey == lastKey ? lastCell : latestTicks.get(threadKey);
        if (cell == null) {
            cell = new long[] {ticks};
            latestTicks.put(threadKey, cell);
        } else if (ticks > cell[0]) {
            cell[0] = ticks;
        }
        lastKey = threadKey;
        lastCell = cell;
    }

    /** Calls {@code seen} with each thread key and the latest time it was seen, in epoch nanoseconds. */
    void forEach(BiConsumer<Long, Long> seen) {
        for (Map.Entry<Long, long[]> e : latestTicks.entrySet()) {
            seen.accept(e.getKey(), epochNanos(e.getValue()[0]));
        }
    }

    boolean isEmpty() {
        return latestTicks.isEmpty();
    }

    /** Ticks to epoch nanoseconds exactly as JMC 9.1 converts a {@code @Timestamp(TICKS)} field. */
    long epochNanos(long ticks) {
        double ticksPerNano = ticksPerSecond / 1000000000.0;
        return startNanos + (long) ((ticks - startTicks) / ticksPerNano);
    }
}
