package dev.leakline.engine.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import dev.leakline.engine.event.JvmRun;
import dev.leakline.engine.event.RecordedEvent;
import dev.leakline.engine.pairing.Response;
import dev.leakline.engine.pairing.Verdict;
import dev.leakline.engine.sites.Sites;

/**
 * The timeline computed while reading must give, for responses told as their events are read, the very values the
 * whole-list computation ({@link TimelineSeries#compute}) gives; the whole-list one is the reference.
 */
class TimelineAccumulatorTest {
    private static final JvmRun RUN = new JvmRun(1_000L, 42);
    private static final long START = 1_700_000_000_000_000_000L;
    private static final long SECOND = 1_000_000_000L;
    /** Connection slots by run and connection id ({@link #slot}). */
    private static final Map<String, Integer> SLOTS = new java.util.HashMap<>();

    /** Many short responses on a few pooled connections, told in read order with the sweep lagging behind. */
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
        int buckets = 40;
        TimelineAccumulator acc = new TimelineAccumulator(START, end, buckets, s -> s);
        tellInReadOrder(acc, spans, 10 * SECOND, 5 * SECOND);
        Timeline got = acc.finish(List.of(), List.of(), false);
        Timeline want = TimelineSeries.compute(new TimelineInput(instant(START), instant(end), reference(spans),
                List.of()), buckets);

        assertThat(acc.lateSpans()).isZero();
        assertThat(acc.lateFinishes()).isZero();
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
        List<long[]> spans = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            long opened = START + random.nextLong(3 * 3600 * SECOND - 10 * SECOND);
            long finished = Math.min(opened + random.nextLong(5 * 60 * SECOND), end);
            spans.add(new long[] {opened, finished, 1 + random.nextInt(5), 0});
        }
        TimelineAccumulator acc = new TimelineAccumulator(START, end, 50, s -> s);
        tellInReadOrder(acc, spans, Long.MAX_VALUE, 0);
        Timeline got = acc.finish(List.of(), List.of(), false);
        Timeline want = TimelineSeries.compute(new TimelineInput(instant(START), instant(end), reference(spans),
                List.of()), 50);

        assertThat(got.groups()).isEqualTo(want.groups());
        assertThat(got.groups().get(0).connectionsHeld().peak()).isBetween(1, 5);
    }

    /**
     * A pool of 3 connections: clean responses cycle over them while others are never finished (leaks, judged only at
     * the end). Adding those per bucket at the end drew the pool with 4 connections held; swept with the rest, it
     * shows 3, as the whole-list computation does.
     */
    @Test
    void responsesJudgedAtTheEndAreSweptWithTheCleanOnes() {
        long end = START + 60 * SECOND;
        List<long[]> spans = new ArrayList<>();
        for (int i = 0; i < 3; i++) { // each connection: clean responses, then one that is never finished
            long connection = i + 1;
            long t = START + i * 300_000_000L;
            for (int k = 0; k < 10 + 5 * i; k++) {
                spans.add(new long[] {t, t + 700_000_000L, connection, 0});
                t += SECOND;
            }
            spans.add(new long[] {t, -1, connection, 0});
        }
        int buckets = 12;
        TimelineAccumulator acc = new TimelineAccumulator(START, end, buckets, s -> s);
        tellInReadOrder(acc, spans, 10 * SECOND, 7 * SECOND);
        Timeline got = acc.finish(List.of(), List.of(), false);
        Timeline want = TimelineSeries.compute(new TimelineInput(instant(START), instant(end), reference(spans),
                List.of()), buckets);

        assertThat(acc.lateSpans()).isZero();
        assertThat(got.groups()).isEqualTo(want.groups());
        assertThat(got.groups().get(0).connectionsHeld().peak()).isEqualTo(3);
        assertThat(got.groups().get(0).connectionsHeld().values()).containsExactly(3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3);
        assertThat(got.groups().get(0).outstanding().last()).isEqualTo(3);
    }

    /** An open read after the sweep passed it (a file given out of order) is still counted, added bucket by bucket. */
    @Test
    void anOpenReadAfterTheSweepIsAddedNotLost() {
        long end = START + 10 * SECOND;
        TimelineAccumulator acc = new TimelineAccumulator(START, end, 10, s -> s);
        acc.advance(START + 9 * SECOND);
        RecordedEvent.ResponseOpened open = open("okhttp", "http://a:1/", 0, START + 2 * SECOND + 1);
        acc.opened(open, null, slot(open));
        acc.finished(open, null, slot(open), START + 4 * SECOND + 1);
        Timeline got = acc.finish(List.of(), List.of(), false);

        assertThat(acc.lateSpans()).isEqualTo(1);
        assertThat(got.groups()).hasSize(1);
        assertThat(got.groups().get(0).group()).isEqualTo("okhttp a:1");
        assertThat(got.groups().get(0).outstanding().values()).containsExactly(0, 0, 1, 1, 1, 0, 0, 0, 0, 0);
        assertThat(got.groups().get(0).connectionsHeld().values()).containsExactly(0, 0, 1, 1, 1, 0, 0, 0, 0, 0);
    }

    /** A finish read after the sweep passed it ends its response where the sweep stands, and is counted. */
    @Test
    void aFinishReadAfterTheSweepEndsItWhereTheSweepStands() {
        long end = START + 10 * SECOND;
        TimelineAccumulator acc = new TimelineAccumulator(START, end, 10, s -> s);
        RecordedEvent.ResponseOpened open = open("okhttp", "http://a:1/", 0, START + SECOND + 1);
        acc.opened(open, null, slot(open));
        acc.advance(START + 6 * SECOND + 1);
        acc.finished(open, null, slot(open), START + 3 * SECOND + 1);
        Timeline got = acc.finish(List.of(), List.of(), false);

        assertThat(acc.lateFinishes()).isEqualTo(1);
        assertThat(got.groups().get(0).outstanding().values()).containsExactly(0, 1, 1, 1, 1, 1, 1, 0, 0, 0);
    }

    /** An earlier finish read later moves the response's end while it waits to be swept. */
    @Test
    void anEarlierFinishMovesTheEndBeforeTheSweep() {
        long end = START + 10 * SECOND;
        TimelineAccumulator acc = new TimelineAccumulator(START, end, 10, s -> s);
        RecordedEvent.ResponseOpened open = open("okhttp", "http://a:1/", 3, START + SECOND + 1);
        acc.opened(open, "p", slot(open));
        acc.finished(open, "p", slot(open), START + 6 * SECOND + 1);
        acc.finishedEarlier(open, "p", slot(open), START + 6 * SECOND + 1, START + 3 * SECOND + 1);
        Timeline got = acc.finish(List.of(), List.of(), false);

        assertThat(acc.lateFinishes()).isZero();
        assertThat(got.groups().get(0).outstanding().values()).containsExactly(0, 1, 1, 1, 0, 0, 0, 0, 0, 0);
        assertThat(got.groups().get(0).connectionsHeld().values()).containsExactly(0, 1, 1, 1, 0, 0, 0, 0, 0, 0);
    }

    /**
     * An earlier finish read after the sweep passed it: while its -1 still waits it moves to where the sweep stands;
     * once swept, it stays. Both are counted late. (The response is in the second group, after another's.)
     */
    @Test
    void anEarlierFinishReadAfterTheSweepMovesOnlyAsFarAsTheSweep() {
        long end = START + 10 * SECOND;
        TimelineAccumulator acc = new TimelineAccumulator(START, end, 10, s -> s);
        acc.opened(open("okhttp", "http://other:1/", 0, START), null, -1);
        RecordedEvent.ResponseOpened waiting = open("okhttp", "http://a:1/", 0, START + SECOND + 1);
        acc.opened(waiting, null, slot(waiting));
        acc.finished(waiting, null, slot(waiting), START + 8 * SECOND + 1);
        RecordedEvent.ResponseOpened swept = open("okhttp", "http://b:1/", 0, START + SECOND + 1);
        acc.opened(swept, null, slot(swept));
        acc.finished(swept, null, slot(swept), START + 3 * SECOND + 1);
        acc.advance(START + 5 * SECOND + 1);
        acc.finishedEarlier(waiting, null, slot(waiting), START + 8 * SECOND + 1, START + 3 * SECOND + 1);
        acc.finishedEarlier(swept, null, slot(swept), START + 3 * SECOND + 1, START + 2 * SECOND + 1);
        Timeline got = acc.finish(List.of(), List.of(), false);

        assertThat(acc.lateFinishes()).isEqualTo(2);
        Map<String, List<Integer>> byGroup = new java.util.TreeMap<>();
        got.groups().forEach(g -> byGroup.put(g.group(), g.outstanding().values()));
        assertThat(byGroup).containsExactly(
                Map.entry("okhttp a:1", List.of(0, 1, 1, 1, 1, 1, 0, 0, 0, 0)),
                Map.entry("okhttp b:1", List.of(0, 1, 1, 1, 0, 0, 0, 0, 0, 0)),
                Map.entry("okhttp other:1", List.of(1, 1, 1, 1, 1, 1, 1, 1, 1, 1)));
    }

    /** A pool learnt when a response folds names the group of its host's responses that named none. */
    @Test
    void aPoolLearntLaterNamesTheHostsGroup() {
        long end = START + 10 * SECOND;
        TimelineAccumulator acc = new TimelineAccumulator(START, end, 10, s -> s);
        RecordedEvent.ResponseOpened open = open("apache-httpclient5", "http://b:2/x", 4, START + SECOND);
        acc.opened(open, null, slot(open));
        acc.finished(open, null, slot(open), START + 2 * SECOND);
        acc.pooled(open, "pool-b");
        Timeline got = acc.finish(List.of(), List.of(), false);

        assertThat(got.groups()).hasSize(1);
        assertThat(got.groups().get(0).group()).isEqualTo("pool pool-b");
    }

    /**
     * Two JVM runs overlapping in time, many hosts (more than the prefix cache holds, and URIs only the URI parser
     * can cut), pooled and unpooled responses, unknown connections, leaks judged at the end, an open read too late
     * and never finished, and threads: the same timeline as the whole-list computation.
     */
    @Test
    void manyHostsRunsAndVerdictsEqualTheWholeListComputation() {
        JvmRun other = new JvmRun(2_000L, 43);
        List<String> uris = List.of("http://h0:80/a", "http://h1/b?x=1", "https://svc-2.example:8443/c#f",
                "http://H3:8080", "http://h4:", "http://[::1]:8081/v6", "http://user@h6/u", "http://my_host/x",
                "http://h8.a.b/", "http://h9:9/", "http://h10/", "http://h11/", "ftp://h12.example?x");
        SplittableRandom random = new SplittableRandom(5);
        long end = START + 100 * SECOND;
        int buckets = 25;
        TimelineAccumulator acc = new TimelineAccumulator(START, end, buckets, s -> s);
        List<ResponseSpan> reference = new ArrayList<>();
        List<Response> judgedAtEnd = new ArrayList<>();
        List<long[]> events = new ArrayList<>(); // time, index, 1 open / 0 finish
        List<RecordedEvent.ResponseOpened> opens = new ArrayList<>();
        List<Long> finishes = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            JvmRun run = i % 3 == 0 ? other : RUN;
            String uri = uris.get(random.nextInt(uris.size()));
            boolean pooled = uri.contains("h1") || uri.contains("h9");
            long connection = random.nextInt(4); // 0: unknown, each response holds a connection of its own
            long opened = START + random.nextLong(95 * SECOND);
            long finished = random.nextInt(50) == 0 ? -1 : opened + random.nextLong(2 * SECOND);
            RecordedEvent.ResponseOpened open = new RecordedEvent.ResponseOpened(run, opened, 1, "main", i,
                    connection, "okhttp", "GET", uri, 200, "HTTP/1.1", -1, List.of(), pooled ? "p" + uri.length() : null);
            opens.add(open);
            finishes.add(finished);
            events.add(new long[] {opened, i, 1});
            if (finished >= 0) {
                events.add(new long[] {finished, i, 0});
            }
            String group = (pooled ? "pool p" + uri.length() : "okhttp " + Sites.hostOf(uri)) + " [" + run.label()
                    + "]";
            boolean leaked = finished < 0 && i % 2 == 0;
            reference.add(new ResponseSpan(instant(opened), finished < 0 ? null : instant(finished), group, leaked,
                    connection));
            if (finished < 0) {
                judgedAtEnd.add(response(open, leaked ? Verdict.LEAKED : Verdict.IN_FLIGHT));
            }
        }
        events.sort(Comparator.comparingLong((long[] e) -> e[0]).thenComparingLong(e -> -e[2]));
        long nextAdvance = START + 10 * SECOND;
        for (long[] e : events) {
            if (e[0] > nextAdvance) {
                acc.advance(nextAdvance - 4 * SECOND);
                nextAdvance += 10 * SECOND;
            }
            RecordedEvent.ResponseOpened open = opens.get((int) e[1]);
            if (e[2] == 1) {
                acc.opened(open, open.pool(), slot(open));
            } else {
                acc.finished(open, open.pool(), slot(open), finishes.get((int) e[1]));
            }
        }
        // Read after the sweep passed it, and never finished: charted from its open to the end.
        RecordedEvent.ResponseOpened late = new RecordedEvent.ResponseOpened(RUN, START + SECOND, 1, "main", 99_999,
                0, "okhttp", "GET", "http://lonely/late", 200, "HTTP/1.1", -1, List.of(), null);
        acc.opened(late, null, slot(late));
        reference.add(new ResponseSpan(instant(late.timeNanos()), null, "okhttp lonely [" + RUN.label() + "]", false,
                0));
        List<ThreadSpan> threads = List.of(new ThreadSpan(instant(START + 5 * SECOND), null, "worker-#"),
                new ThreadSpan(null, instant(START + 50 * SECOND), "worker-#"),
                new ThreadSpan(instant(START + 20 * SECOND), instant(START + 30 * SECOND), "pool-#-thread-#"));

        Timeline got = acc.finish(judgedAtEnd, threads, true);
        Timeline want = TimelineSeries.compute(new TimelineInput(instant(START), instant(end), reference, threads),
                buckets);

        assertThat(acc.lateSpans()).isEqualTo(1);
        assertThat(acc.lateFinishes()).isZero();
        assertThat(acc.pendingChanges()).isZero();
        assertThat(got.groups()).hasSize(want.groups().size()).hasSizeGreaterThan(20);
        assertThat(got.groups()).isEqualTo(want.groups());
        assertThat(got.threadsAlive()).isEqualTo(want.threadsAlive());
        assertThat(got.groups().get(0).leakedAccumulated().last()).isPositive();
    }

    /** A recording whose start and end are the same instant: everything falls in its one bucket. */
    @Test
    void aRecordingOfOneInstantChartsEverythingInOneBucket() {
        TimelineAccumulator acc = new TimelineAccumulator(START, START, 3, s -> s);
        RecordedEvent.ResponseOpened open = open("okhttp", "http://a:1/", 0, START);
        acc.opened(open, null, slot(open));
        RecordedEvent.ResponseOpened before = open("okhttp", "http://a:1/", 0, START - SECOND);
        acc.opened(before, null, slot(before));
        acc.finished(before, null, slot(before), START);
        Timeline got = acc.finish(List.of(), List.of(), false);

        assertThat(got.groups().get(0).outstanding().values()).containsExactly(1, 1, 1);
    }

    /** The hand-cut host is what the URI parser gives, or nothing (then the parser is asked). */
    @Test
    void theHandCutHostIsTheParsersOrNone() {
        for (String uri : List.of("http://svc:8080/x", "https://orders.internal.example:8443/api?q=1",
                "http://a/", "http://a", "http://a:/b", "http://A-b.c:1#f", "ftp://h.example?x", "http://a.b.c:65535",
                "http://h:/:1")) {
            assertThat(TimelineAccumulator.plainHost(uri)).as(uri).isEqualTo(dev.leakline.engine.sites.Sites.hostOf(uri));
        }
        // Plain ones are cut by hand (the point of it), exactly as the parser cuts them: every boundary of the
        // characters allowed in a scheme, a host name and a port.
        for (String uri : List.of("a://h/", "z://h", "A://h", "Z://h", "a0://h", "a9://h", "a+b-c.d://h",
                "http://az/", "http://AZ/", "http://09/", "http://a-9.b/", "http://h:0/", "http://h:9/",
                "http://h:65535/", "http://h:12345?x", "http://h:1#f")) {
            assertThat(TimelineAccumulator.plainHost(uri)).as(uri).isNotNull()
                    .isEqualTo(dev.leakline.engine.sites.Sites.hostOf(uri));
        }
        // Plain ones are cut by hand (the point of it), exactly as the parser cuts them.
        assertThat(TimelineAccumulator.plainHost("http://a-b.c:8080/x")).isEqualTo("a-b.c:8080");
        assertThat(TimelineAccumulator.plainHost("HTTPS://Z9.y:1")).isEqualTo("Z9.y:1");
        assertThat(TimelineAccumulator.plainHost("h+s.1-x://h:65535?q")).isEqualTo("h:65535");
        assertThat(TimelineAccumulator.plainHost("http://a:#f")).isEqualTo("a");
        assertThat(TimelineAccumulator.plainHost("http://x0/")).isEqualTo("x0");
        for (String uri : List.of("http://user@h/", "http://[::1]:80/", "http://my_host/", "http://-a/", "http://a..b/",
                "/relative", "http://h:99999/", "http://h:1:2/", "1http://h/", "http://h:1234567/", "http://a-/",
                "http://.a/", "http://a./", "http://a.-b/", "http://h:65536/", "ht~tp://h/", "://h/", "http://h:1a/",
                "0http://h/", "+http://h/", "http://h`/", "http://h{/", "http://h@/", "http://h[/", "http://a..b/",
                "http://h:0x1/", "http://h:00080/")) {
            assertThat(TimelineAccumulator.plainHost(uri)).as(uri).isNull();
        }
    }

    /**
     * Tells each span's open and finish (spans with a finish of -1 never finish) in the order a reader meets them, by
     * time, advancing the sweep every {@code every} of recording time to {@code lag} behind.
     */
    private static void tellInReadOrder(TimelineAccumulator acc, List<long[]> spans, long every, long lag) {
        List<long[]> events = new ArrayList<>(); // time, span index, 1 for the open, 0 for the finish
        for (int i = 0; i < spans.size(); i++) {
            events.add(new long[] {spans.get(i)[0], i, 1});
            if (spans.get(i)[1] >= 0) {
                events.add(new long[] {spans.get(i)[1], i, 0});
            }
        }
        events.sort(Comparator.comparingLong((long[] e) -> e[0]).thenComparingLong(e -> -e[2]));
        RecordedEvent.ResponseOpened[] opens = new RecordedEvent.ResponseOpened[spans.size()];
        long nextAdvance = START + every;
        for (long[] e : events) {
            if (every != Long.MAX_VALUE && e[0] > nextAdvance) {
                acc.advance(nextAdvance - lag);
                nextAdvance += every;
            }
            long[] span = spans.get((int) e[1]);
            String pool = "p" + span[3];
            if (e[2] == 1) {
                opens[(int) e[1]] = open("java.net.http", "http://svc:8080/x", span[2], span[0]);
                acc.opened(opens[(int) e[1]], pool, slot(opens[(int) e[1]]));
            } else {
                acc.finished(opens[(int) e[1]], pool, slot(opens[(int) e[1]]), span[1]);
            }
        }
    }

    private static List<ResponseSpan> reference(List<long[]> spans) {
        List<ResponseSpan> reference = new ArrayList<>();
        for (long[] s : spans) {
            reference.add(new ResponseSpan(instant(s[0]), s[1] < 0 ? null : instant(s[1]), "pool p" + s[3], false,
                    s[2]));
        }
        return reference;
    }

    private static Response response(RecordedEvent.ResponseOpened o, Verdict verdict) {
        return new Response(o.run(), o.responseId(), o.connectionId(), o.client(), o.method(), o.uri(), o.status(),
                o.protocol(), o.contentLength(), o.timeNanos(), -1, -1, 0, null, null, o.javaThreadId(),
                o.threadName(), o.stack(), verdict, 0, false, o.pool(), null, -1);
    }

    private static RecordedEvent.ResponseOpened open(String client, String uri, long connection, long atNanos) {
        return new RecordedEvent.ResponseOpened(RUN, atNanos, 1, "main", atNanos, connection, client, "GET", uri, 200,
                "HTTP/1.1", -1, List.of(), null);
    }

    /**
     * The connection's slot, as the pairing numbers connections: dense from 0 in order of first use, one per run and
     * connection id, -1 for none.
     */
    private static synchronized int slot(RecordedEvent.ResponseOpened open) {
        return open.connectionId() == 0 ? -1
                : SLOTS.computeIfAbsent(open.run() + "/" + open.connectionId(), k -> SLOTS.size());
    }

    private static Instant instant(long nanos) {
        return Instant.ofEpochSecond(nanos / SECOND, nanos % SECOND);
    }
}
