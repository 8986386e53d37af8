package dev.leakline.engine.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import dev.leakline.engine.event.JvmRun;

/**
 * The timeline computed while reading must give, for responses handed over as they settle, the very values the
 * whole-list computation ({@link TimelineSeries#compute}) gives; the whole-list one is the reference.
 */
class TimelineAccumulatorTest {
    private static final JvmRun RUN = new JvmRun(1_000L, 42);
    private static final long START = 1_700_000_000_000_000_000L;
    private static final long SECOND = 1_000_000_000L;

    /** Many short responses on a few pooled connections, fed in settle order with the sweep lagging behind. */
    @Test
    void sweptWhileReadingEqualsTheWholeListComputation() {
        SplittableRandom random = new SplittableRandom(7);
        long end = START + 120 * SECOND;
        List<long[]> spans = new ArrayList<>(); // opened, finished, connection, pool index
        for (int i = 0; i < 20_000; i++) {
            long opened = START + random.nextLong(118 * SECOND);
            long finished = opened + random.nextLong(3 * SECOND);
            // Some open exactly at a bucket boundary or where another ends, to check the half-open rules.
            if (i % 97 == 0) {
                opened = START + (i % 40) * 3 * SECOND;
                finished = opened + SECOND;
            }
            spans.add(new long[] {opened, finished, 1 + random.nextInt(30), random.nextInt(3)});
        }
        spans.sort(Comparator.comparingLong(s -> s[1])); // settle order: by finish
        int buckets = 40;
        TimelineAccumulator acc = new TimelineAccumulator(START, end, buckets, s -> s);
        List<ResponseSpan> reference = new ArrayList<>();
        long nextAdvance = START + 10 * SECOND;
        for (long[] s : spans) {
            if (s[1] > nextAdvance) {
                acc.advance(nextAdvance - 5 * SECOND);
                nextAdvance += 10 * SECOND;
            }
            String pool = "p" + s[3];
            acc.settled(RUN, "java.net.http", "http://svc:8080/x", pool, s[2], s[0], s[1]);
            reference.add(new ResponseSpan(instant(s[0]), instant(s[1]), "pool " + pool, false, s[2]));
        }
        Timeline got = acc.finish(List.of(), List.of(), false);
        Timeline want = TimelineSeries.compute(new TimelineInput(instant(START), instant(end), reference, List.of()),
                buckets);

        assertThat(acc.lateSpans()).isZero();
        assertThat(acc.sweptChanges()).isEqualTo(2L * spans.size());
        assertThat(got.groups()).hasSize(3);
        assertThat(got.groups()).isEqualTo(want.groups());
        assertThat(got.groups().get(0).outstanding().peak()).isGreaterThan(10);
    }

    /** Over three hours swept at once (more than the packed sort covers): the same values. */
    @Test
    void aLongSpanSweptAtOnceEqualsTheWholeListComputation() {
        SplittableRandom random = new SplittableRandom(11);
        long end = START + 3 * 3600 * SECOND;
        TimelineAccumulator acc = new TimelineAccumulator(START, end, 50, s -> s);
        List<ResponseSpan> reference = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            long opened = START + random.nextLong(3 * 3600 * SECOND - 10 * SECOND);
            long finished = opened + random.nextLong(5 * 60 * SECOND);
            long connection = 1 + random.nextInt(5);
            acc.settled(RUN, "okhttp", "http://h:1/", "p", connection, opened, Math.min(finished, end));
            reference.add(new ResponseSpan(instant(opened), instant(Math.min(finished, end)), "pool p", false,
                    connection));
        }
        Timeline got = acc.finish(List.of(), List.of(), false);
        Timeline want = TimelineSeries.compute(new TimelineInput(instant(START), instant(end), reference, List.of()),
                50);
        assertThat(got.groups()).isEqualTo(want.groups());
        assertThat(got.groups().get(0).connectionsHeld().peak()).isBetween(1, 5);
    }

    /** Responses that settle after the sweep passed their open are still counted (added bucket by bucket). */
    @Test
    void aResponseSettlingLateIsAddedNotLost() {
        long end = START + 10 * SECOND;
        TimelineAccumulator acc = new TimelineAccumulator(START, end, 10, s -> s);
        acc.advance(START + 9 * SECOND);
        acc.settled(RUN, "okhttp", "http://a:1/", null, 0, START + 2 * SECOND + 1, START + 4 * SECOND + 1);
        Timeline got = acc.finish(List.of(), List.of(), false);

        assertThat(acc.lateSpans()).isEqualTo(1);
        assertThat(got.groups()).hasSize(1);
        assertThat(got.groups().get(0).group()).isEqualTo("okhttp a:1");
        assertThat(got.groups().get(0).outstanding().values()).containsExactly(0, 0, 1, 1, 1, 0, 0, 0, 0, 0);
    }

    /** The hand-cut host is what the URI parser gives, or nothing (then the parser is asked). */
    @Test
    void theHandCutHostIsTheParsersOrNone() {
        for (String uri : List.of("http://svc:8080/x", "https://orders.internal.example:8443/api?q=1",
                "http://a/", "http://a", "http://a:/b", "http://A-b.c:1#f", "ftp://h.example?x", "http://a.b.c:65535")) {
            assertThat(TimelineAccumulator.plainHost(uri)).as(uri).isEqualTo(dev.leakline.engine.sites.Sites.hostOf(uri));
        }
        for (String uri : List.of("http://user@h/", "http://[::1]:80/", "http://my_host/", "http://-a/", "http://a..b/",
                "/relative", "http://h:99999/", "http://h:1:2/", "1http://h/")) {
            assertThat(TimelineAccumulator.plainHost(uri)).as(uri).isNull();
        }
    }

    private static Instant instant(long nanos) {
        return Instant.ofEpochSecond(nanos / SECOND, nanos % SECOND);
    }
}
