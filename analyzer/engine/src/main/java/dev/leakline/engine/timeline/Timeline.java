package dev.leakline.engine.timeline;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The computed timeline: {@code buckets} equal slices of {@code [start, end]}, and per slice the maximum of each
 * series. Maximum (not mean or last value) so that a short burst of held connections is never averaged away: a
 * pool that filled for 200 ms did fill.
 *
 * @param start the first bucket's start
 * @param end the last bucket's end (inclusive)
 * @param buckets the number of buckets, at least 1
 * @param groups one entry per group, groups with leaks first, then by peak outstanding, then by name
 * @param threadsAlive one series per folded thread name, highest peak first, then by name
 */
public record Timeline(Instant start, Instant end, int buckets, List<GroupSeries> groups, List<Series> threadsAlive) {

    /** Copies the lists. */
    public Timeline {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (buckets < 1) {
            throw new IllegalArgumentException("buckets must be at least 1, was " + buckets);
        }
        groups = List.copyOf(groups);
        threadsAlive = List.copyOf(threadsAlive);
    }

    /** The recording span the timeline covers. */
    public Duration span() {
        return Duration.between(start, end);
    }

    /** The instant bucket {@code i} starts at; {@code bucketStart(buckets)} is {@link #end()}. */
    public Instant bucketStart(int i) {
        if (i < 0 || i > buckets) {
            throw new IndexOutOfBoundsException("bucket " + i + " of " + buckets);
        }
        return start.plusNanos(Buckets.offsetNanos(span().toNanos(), i, buckets));
    }

    /** The largest value of any group's outstanding or connections-held series; the shared scale of the charts. */
    public int peakOutstanding() {
        int peak = 0;
        for (GroupSeries g : groups) {
            peak = Math.max(peak, Math.max(g.outstanding().peak(), g.connectionsHeld().peak()));
        }
        return peak;
    }

    /** The largest value of any group's leaked series. */
    public int peakLeaked() {
        int peak = 0;
        for (GroupSeries g : groups) {
            peak = Math.max(peak, g.leakedAccumulated().peak());
        }
        return peak;
    }
}
