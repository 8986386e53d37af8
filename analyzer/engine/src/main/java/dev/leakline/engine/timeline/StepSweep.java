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

    private long[] times = new long[16];
    private int[] deltas = new int[16];
    private int size;

    /** Adds the interval {@code [from, to)} in nanoseconds since the epoch; {@link #NEVER} for an open end. */
    void interval(long from, long to) {
        if (to <= from) {
            return;
        }
        change(from, 1);
        if (to != NEVER) {
            change(to, -1);
        }
    }

    private void change(long time, int delta) {
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
            deltas = Arrays.copyOf(deltas, size * 2);
        }
        times[size] = time;
        deltas[size] = delta;
        size++;
    }

    /** The maximum value within each of {@code buckets} equal slices of {@code [start, end]}. */
    int[] sample(long start, long end, int buckets) {
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(times[a], times[b]));
        int[] out = new int[buckets];
        long span = end - start;
        int value = 0;
        int next = 0;
        for (int b = 0; b < buckets; b++) {
            boolean last = b == buckets - 1;
            long bucketStart = start + Buckets.offsetNanos(span, b, buckets);
            long bucketEnd = start + Buckets.offsetNanos(span, b + 1, buckets);
            // Changes at or before the bucket's first instant set the value it starts with (for the first
            // bucket, this includes everything that began before the recording).
            while (next < size && times[order[next]] <= bucketStart) {
                value += deltas[order[next++]];
            }
            int max = value;
            while (next < size && (times[order[next]] < bucketEnd || (last && times[order[next]] <= end))) {
                long t = times[order[next]];
                while (next < size && times[order[next]] == t) {
                    value += deltas[order[next++]];
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
