package dev.leakline.engine.timeline;

/**
 * A count of intervals that never end (the leaked series: a leaked response counts from its open to the end of the
 * recording), kept as how many start counting in each bucket: the same values {@link StepSweep#sample} gives for the
 * same intervals, in an {@code int} per bucket instead of a {@code long} per interval (a million leaks took 8 MB
 * there).
 *
 * <p>The count only rises, so a bucket's maximum is its value at its end: the number of intervals that began before
 * that end (in the last bucket, at or before it). A bucket whose start and end are the same instant (more buckets
 * than nanoseconds) still counts an interval beginning at that instant, as {@link StepSweep} does.
 */
final class OpenEndedSeries {
    private final long start;
    private final long end;
    private final int[] starting;

    /** Over {@code buckets} equal slices of {@code [start, end]}, epoch nanoseconds. */
    OpenEndedSeries(long start, long end, int buckets) {
        this.start = start;
        this.end = end;
        this.starting = new int[buckets];
    }

    /** Adds the interval {@code [from, end of time)}; {@link StepSweep#NEVER} adds nothing, as an empty interval. */
    void add(long from) {
        if (from == StepSweep.NEVER) {
            return;
        }
        int b = firstBucket(from);
        if (b >= 0) {
            starting[b]++;
        }
    }

    /** The maximum within each bucket: the intervals counted from it or earlier. */
    int[] sample() {
        int[] out = new int[starting.length];
        int value = 0;
        for (int b = 0; b < starting.length; b++) {
            value += starting[b];
            out[b] = value;
        }
        return out;
    }

    /** The first bucket that counts an interval beginning at {@code from}; -1 for none (it begins after the end). */
    private int firstBucket(long from) {
        int low = 0;
        int high = starting.length; // "none" while high is one past the last bucket
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (counts(mid, from)) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low == starting.length ? -1 : low;
    }

    /**
     * Whether bucket {@code b} counts an interval from {@code from}: it began at or before the bucket's start, or
     * before its end (for the last bucket, at or before the recording's end), as {@link StepSweep#sample} takes its
     * changes. Rises with {@code b}, so the first bucket that counts it is found by halving.
     */
    private boolean counts(int b, long from) {
        int buckets = starting.length;
        long span = end - start;
        long bucketStart = start + Buckets.offsetNanos(span, b, buckets);
        long bucketEnd = start + Buckets.offsetNanos(span, b + 1, buckets);
        return from <= bucketStart || from < bucketEnd || b == buckets - 1 && from <= end;
    }
}
