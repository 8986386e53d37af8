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
    static final ThreadSightings NONE = new ThreadSightings(new ChunkClock(0, 0, 1));

    private final ChunkClock clock;
    /** Thread keys are JFR's thread ids, small numbers: most are found by index, no boxing. */
    private static final int INDEXED = 1 << 12;
    private long[] byIndex = new long[0];
    private final Map<Long, long[]> others = new HashMap<>();
    /** How many events were hidden. */
    int hidden;

    /** @param clock the chunk's clock, which turns the ticks noted here into times */
    ThreadSightings(ChunkClock clock) {
        this.clock = clock;
    }

    /** The thread with this key was seen at {@code ticks} (never negative: ticks count from the JVM's start). */
    void note(long threadKey, long ticks) {
        if (threadKey >= 0 && threadKey < INDEXED) {
            int i = (int) threadKey;
            if (i >= byIndex.length) {
                long[] grown = java.util.Arrays.copyOf(byIndex, Math.min(INDEXED, Math.max(i + 1, byIndex.length * 2)));
                java.util.Arrays.fill(grown, byIndex.length, grown.length, -1);
                byIndex = grown;
            }
            if (ticks > byIndex[i]) {
                byIndex[i] = ticks;
            }
            return;
        }
        long[] cell = others.get(threadKey);
        if (cell == null) {
            others.put(threadKey, new long[] {ticks});
        } else if (ticks > cell[0]) {
            cell[0] = ticks;
        }
    }

    /** Calls {@code seen} with each thread key and the latest time it was seen, in epoch nanoseconds. */
    void forEach(BiConsumer<Long, Long> seen) {
        for (int i = 0; i < byIndex.length; i++) {
            if (byIndex[i] >= 0) {
                seen.accept((long) i, epochNanos(byIndex[i]));
            }
        }
        for (Map.Entry<Long, long[]> e : others.entrySet()) {
            seen.accept(e.getKey(), epochNanos(e.getValue()[0]));
        }
    }

    /** Ticks to epoch nanoseconds exactly as JMC 9.1 converts a {@code @Timestamp(TICKS)} field. */
    long epochNanos(long ticks) {
        return clock.epochNanos(ticks);
    }

    /** The chunk's clock. */
    ChunkClock clock() {
        return clock;
    }
}
