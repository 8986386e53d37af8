package dev.leakline.engine.timeline;

import java.time.Instant;
import java.util.Arrays;

/**
 * A step function built from +1/-1 changes at instants, sampled as the maximum per bucket.
 *
 * <p>Intervals are half-open, {@code [from, to)}: at an instant where one response closes and another opens the
 * count does not briefly double, and a zero-length interval never shows. All changes at one instant are applied
 * together before the maximum is taken.
 */
final class StepSweep {

    /** Stands for "before the recording began" (a null start) and "never" (a null end). */
    static final long BEFORE = Long.MIN_VALUE;
    static final long NEVER = Long.MAX_VALUE;

    /*
     * The +1 and -1 instants apart, each sorted as plain longs when sampled: all changes at one instant are applied
     * together, so which of them comes first never matters, and a million leaks cost 8 bytes each, not a boxed
     * position each for a comparator sort.
     */
    private long[] ups = new long[16];
    private int upCount;
    private long[] downs = new long[16];
    private int downCount;

    /** Adds the interval {@code [from, to)} in nanoseconds since the epoch; {@link #NEVER} for an open end. */
    void interval(long from, long to) {
        if (to <= from) {
            return;
        }
        if (upCount == ups.length) {
            ups = Arrays.copyOf(ups, upCount + (upCount >> 1));
        }
        ups[upCount++] = from;
        if (to != NEVER) {
            if (downCount == downs.length) {
                downs = Arrays.copyOf(downs, downCount + (downCount >> 1));
            }
            downs[downCount++] = to;
        }
    }

    /** The maximum value within each of {@code buckets} equal slices of {@code [start, end]}. */
    int[] sample(long start, long end, int buckets) {
        Arrays.sort(ups, 0, upCount);
        Arrays.sort(downs, 0, downCount);
        int[] out = new int[buckets];
        long span = end - start;
        int value = 0;
        int up = 0;
        int down = 0;
        for (int b = 0; b < buckets; b++) {
            boolean last = b == buckets - 1;
            long bucketStart = start + Buckets.offsetNanos(span, b, buckets);
            long bucketEnd = start + Buckets.offsetNanos(span, b + 1, buckets);
            // Changes at or before the bucket's first instant set the value it starts with (for the first
            // bucket, this includes everything that began before the recording).
            while (up < upCount && ups[up] <= bucketStart) {
                value++;
                up++;
            }
            while (down < downCount && downs[down] <= bucketStart) {
                value--;
                down++;
            }
            int max = value;
            while (true) {
                long t = Math.min(up < upCount ? ups[up] : NEVER, down < downCount ? downs[down] : NEVER);
                if (up == upCount && down == downCount || !(t < bucketEnd || last && t <= end)) {
                    break;
                }
                while (up < upCount && ups[up] == t) {
                    value++;
                    up++;
                }
                while (down < downCount && downs[down] == t) {
                    value--;
                    down++;
                }
                max = Math.max(max, value);
            }
            out[b] = max;
        }
        return out;
    }

    static long nanos(Instant instant, long ifNull) {
        if (instant == null) {
            return ifNull;
        }
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }
}
