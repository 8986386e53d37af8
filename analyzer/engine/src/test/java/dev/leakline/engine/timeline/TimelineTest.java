package dev.leakline.engine.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The timeline's series on hand-made spans, bucket by bucket. */
class TimelineTest {
    private static final Instant T0 = Instant.parse("2026-11-18T11:00:00Z");

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    @Test
    void eachBucketHoldsTheMaximumOfItsSliceWithHalfOpenIntervals() {
        List<ResponseSpan> responses = List.of(
                new ResponseSpan(at(0), at(2), "pool a", false, 1),
                new ResponseSpan(at(1), at(3), "pool a", false, 1), // same connection: one held
                new ResponseSpan(at(2), at(4), "pool a", false, 2), // opens as the first closes: no double count
                new ResponseSpan(at(5), null, "pool a", true, 0),
                new ResponseSpan(at(6), at(6), "pool b", false, 0), // zero length never shows
                new ResponseSpan(at(3), at(9), "pool b", true, 0),
                new ResponseSpan(at(1), at(5), "pool c", false, 3), // connection 3 serves two streams at once
                new ResponseSpan(at(2), at(7), "pool c", false, 3));
        List<ThreadSpan> threads = List.of(
                new ThreadSpan(null, at(4), "HttpClient-#-SelectorManager"),
                new ThreadSpan(at(2), null, "HttpClient-#-SelectorManager"),
                new ThreadSpan(at(8), at(10), "OkHttp Dispatcher"));
        Timeline t = TimelineSeries.compute(new TimelineInput(at(0), at(10), responses, threads), 5);

        assertThat(t.buckets()).isEqualTo(5);
        assertThat(t.span()).isEqualTo(Duration.ofSeconds(10));
        assertThat(t.bucketStart(0)).isEqualTo(at(0));
        assertThat(t.bucketStart(2)).isEqualTo(at(4));
        assertThat(t.bucketStart(5)).isEqualTo(at(10));
        assertThatThrownBy(() -> t.bucketStart(6)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("bucket 6 of 5");
        assertThatThrownBy(() -> t.bucketStart(-1)).isInstanceOf(IndexOutOfBoundsException.class);

        // Groups with leaks first (most at the end), then by peak outstanding, then by name.
        assertThat(t.groups()).extracting(GroupSeries::group).containsExactly("pool a", "pool b", "pool c");
        GroupSeries a = t.groups().get(0);
        assertThat(a.outstanding().values()).containsExactly(2, 2, 1, 1, 1);
        assertThat(a.connectionsHeld().values()).containsExactly(1, 2, 1, 1, 1);
        assertThat(a.leakedAccumulated().values()).containsExactly(0, 0, 1, 1, 1);
        GroupSeries b = t.groups().get(1);
        assertThat(b.outstanding().values()).containsExactly(0, 1, 1, 1, 1);
        assertThat(b.leakedAccumulated().values()).containsExactly(0, 1, 1, 1, 1);
        GroupSeries c = t.groups().get(2);
        assertThat(c.outstanding().values()).containsExactly(1, 2, 2, 1, 0);
        assertThat(c.connectionsHeld().values()).containsExactly(1, 1, 1, 1, 0);
        assertThat(c.outstanding().name()).isEqualTo("outstanding");
        assertThat(c.connectionsHeld().name()).isEqualTo("connections held");
        assertThat(c.leakedAccumulated().name()).isEqualTo("leaked");

        assertThat(t.threadsAlive()).extracting(Series::name)
                .containsExactly("HttpClient-#-SelectorManager", "OkHttp Dispatcher");
        assertThat(t.threadsAlive().get(0).values()).containsExactly(1, 2, 1, 1, 1); // the first ends at 4
        assertThat(t.threadsAlive().get(1).values()).containsExactly(0, 0, 0, 0, 1);
        assertThat(t.peakOutstanding()).isEqualTo(2);
        assertThat(t.peakLeaked()).isEqualTo(1);
    }

    @Test
    void seriesAnswerPeakLastAndEachValue() {
        Series s = new Series("x", List.of(3, 7, 2));
        assertThat(s.peak()).isEqualTo(7);
        assertThat(s.last()).isEqualTo(2);
        assertThat(s.at(1)).isEqualTo(7);
        Series empty = new Series("e", List.of());
        assertThat(empty.peak()).isZero();
        assertThat(empty.last()).isZero();
        assertThat(Series.of("y", new int[] {4, 5}).values()).containsExactly(4, 5);
    }

    @Test
    void bucketBoundariesAreExactForHugeSpans() {
        assertThat(Buckets.offsetNanos(10, 3, 4)).isEqualTo(7); // floor(30 / 4)
        assertThat(Buckets.offsetNanos(10, 4, 4)).isEqualTo(10);
        assertThat(Buckets.offsetNanos(7, 1, 3)).isEqualTo(2);
        long week = Duration.ofDays(7).toNanos();
        assertThat(Buckets.offsetNanos(week, 5000, 10_000)).isEqualTo(week / 2);
        assertThat(Buckets.offsetNanos(week, 3, 7)).isEqualTo(Duration.ofDays(3).toNanos());
    }

    @Test
    void badSpansAndBucketCountsAreRejected() {
        assertThatThrownBy(() -> new TimelineInput(at(2), at(1), List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("recording end " + at(1) + " is before its start " + at(2));
        assertThatThrownBy(() -> new ResponseSpan(at(2), at(1), "g", false, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ThreadSpan(at(2), at(1), "t")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TimelineSeries.compute(new TimelineInput(at(0), at(1), List.of(), List.of()), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--buckets must be at least 1, was 0");
        assertThatThrownBy(() -> new Timeline(at(0), at(1), 0, List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        Timeline one = TimelineSeries.compute(new TimelineInput(at(0), at(0), List.of(
                new ResponseSpan(at(0), null, "g", true, 0)), List.of()), 1);
        assertThat(one.groups().get(0).outstanding().values()).containsExactly(1);
        assertThat(new ThreadSpan(null, null, "t").foldedName()).isEqualTo("t");
    }
}
