package dev.leakline.engine.timeline;

/** Bucket boundary arithmetic shared by the computation and the renderers, exact in whole nanoseconds. */
public final class Buckets {

    private Buckets() {
    }

    /**
     * The offset of boundary {@code i} from the start, {@code floor(spanNanos * i / buckets)}, computed without
     * overflow for any span a recording can have (days at nanosecond resolution times thousands of buckets).
     */
    public static long offsetNanos(long spanNanos, int i, int buckets) {
        return (spanNanos / buckets) * i + (spanNanos % buckets) * i / buckets;
    }
}
