package dev.leakline.engine.timeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import dev.leakline.engine.event.JvmRun;
import dev.leakline.engine.event.RecordedEvent.ResponseOpened;
import dev.leakline.engine.pairing.Response;
import dev.leakline.engine.pairing.Verdict;
import dev.leakline.engine.sites.Sites;

/**
 * Computes the timeline's response series while a recording is read, so that no clean response is kept: memory grows
 * with the groups, the buckets, the connections (4 bytes for each the pairing met, beside its own 24 or so, see
 * {@link ConnectionCounts}), the responses still outstanding and the changes of the last few seconds of the
 * recording, never with the number of responses.
 *
 * <p>The grid ({@code start}, {@code end}, {@code buckets}) is fixed up front (a file's chunk headers give the span
 * before its events are read). Every response is told as it is read: +1 when its open is read ({@link #opened}), -1
 * when its first drain or close is ({@link #finished}), whatever its verdict will be. The changes wait in a small
 * buffer until the reader is past them ({@link #advance}, called after each chunk with how far the recording is known
 * to be complete), and are then swept in time order into per-bucket maxima: exactly the values
 * {@link TimelineSeries#compute} gives for the whole list, with no response kept for it.
 *
 * <p>Only an event read after the sweep passed its time cannot be swept in order (a file of the same JVM given out of
 * time order; an event written long after its time). An open read that late is charted with its finish, bucket by
 * bucket, at the end, where a bucket's value is the sum of two maxima and can exceed the true maximum by at most the
 * number of such responses in it; a finish read that late is charted where the sweep stands. Both are counted
 * ({@link #lateSpans}, {@link #lateFinishes}). Groups of two JVM runs that do not overlap in time and have the same
 * name are added up the same way, as are responses without a pool charted under their host's only pool.
 *
 * <p>Not thread-safe: one reader feeds it. The live view can feed it from a stream the same way.
 */
public final class TimelineAccumulator {
    private final long start;
    private final long end;
    private final int buckets;
    private final UnaryOperator<String> display;
    private final Map<GroupKey, GroupState> groups = new HashMap<>();
    /** Per run, client and host: the pools its responses named (to chart responses without one under it). */
    private final Map<HostKey, Set<String>> hostPools = new HashMap<>();
    /** The last few {@code scheme://host:port} prefixes met and their hosts: most URIs repeat one of them. */
    private final String[] prefixes = new String[8];
    private final String[] prefixHosts = new String[8];
    private int nextPrefix;
    private final Map<String, String> hostOfUri = new HashMap<>();
    /** Groups by index, so that a waiting change is three numbers, not an object (16 bytes, not 48). */
    private final List<GroupState> groupList = new ArrayList<>();
    /** Changes waiting for the reader to pass them: time, connection slot (-1 for none), group index and sign. */
    private final PendingChanges pending = new PendingChanges();
    /** Outstanding responses per group and connection, for the connections-held series. */
    private ConnectionCounts perConnection = new ConnectionCounts();
    /** Changes before this instant have been swept; a span opened before it goes to the late part. */
    private long swept = Long.MIN_VALUE;
    private long sweptChanges;
    private long lateSpans;
    private long lateFinishes;
    /**
     * Opens read after the sweep had passed them, with their pool, until their finish is read. Keyed by response, not
     * by record: the pairing may hand over an equal record, rebuilt, for the finish.
     */
    private final Map<ResponseKey, LateOpen> lateOpens = new HashMap<>();

    private record ResponseKey(JvmRun run, long id) {
        static ResponseKey of(ResponseOpened open) {
            return new ResponseKey(open.run(), open.responseId());
        }
    }

    private record LateOpen(ResponseOpened open, String pool) {
    }

    /**
     * @param start   the first bucket's start, epoch nanoseconds
     * @param end     the last bucket's end (inclusive), epoch nanoseconds
     * @param buckets the number of buckets, at least 1
     * @param display shortens a group name for display (the CLI caps long pool names)
     */
    public TimelineAccumulator(long start, long end, int buckets, UnaryOperator<String> display) {
        if (buckets < 1) {
            throw new IllegalArgumentException("--buckets must be at least 1, was " + buckets);
        }
        if (end < start) {
            throw new IllegalArgumentException("recording end " + end + " is before its start " + start);
        }
        this.start = start;
        this.end = end;
        this.buckets = buckets;
        this.display = display;
    }

    /**
     * A response was opened (its open was read): outstanding from then on.
     *
     * @param pool       its pool as known now, null when none is known; the same is given to {@link #finished}
     * @param connection its connection's slot, dense from 0 ({@code Pairing.SpanListener}), -1 for none; the same is
     *                   given to {@link #finished}
     */
    public void opened(ResponseOpened open, String pool, int connection) {
        String host = host(open.uri());
        if (pool != null) {
            notePool(open.run(), open.client(), host, pool);
        }
        if (open.timeNanos() < swept) {
            lateOpens.put(ResponseKey.of(open), new LateOpen(open, pool));
            lateSpans++;
            return;
        }
        pending.add(open.timeNanos(), connection, group(open.run(), pool, open.client(), host).index * 2 + 1);
    }

    /**
     * The response stopped being outstanding (its first drain or close was read); told once per response, after
     * {@link #opened}.
     *
     * @param finishedNanos the first of its drain and close, not before its open
     */
    public void finished(ResponseOpened open, String pool, int connection, long finishedNanos) {
        GroupState g = group(open.run(), pool, open.client(), host(open.uri()));
        if (!lateOpens.isEmpty() && lateOpens.remove(ResponseKey.of(open)) != null) {
            if (finishedNanos > open.timeNanos()) {
                g.lateOutstanding.interval(open.timeNanos(), finishedNanos);
                g.lateHeld.interval(open.timeNanos(), finishedNanos);
            }
            return;
        }
        if (finishedNanos < swept) {
            lateFinishes++;
            finishedNanos = swept; // its +1 was swept; the -1 can only go where the sweep stands
        }
        pending.add(finishedNanos, connection, g.index * 2);
    }

    /**
     * An earlier drain or close of a finished response was read: its -1 moves from {@code wasNanos} to
     * {@code finishedNanos} (while it waits to be swept; once swept, it stays, and the move is counted late).
     */
    public void finishedEarlier(ResponseOpened open, String pool, int connection, long wasNanos,
            long finishedNanos) {
        GroupState g = group(open.run(), pool, open.client(), host(open.uri()));
        if (!lateOpens.isEmpty() && lateOpens.containsKey(ResponseKey.of(open))) {
            return; // charted whole when its finish came; an earlier one moves nothing there
        }
        if (!pending.moveEarlier(wasNanos, connection, g.index * 2, Math.max(finishedNanos, swept))
                || finishedNanos < swept) {
            lateFinishes++; // already swept at its later time, or moved only as far as the sweep stands
        }
    }

    /** A response charted without a pool turned out to be in {@code pool}: its host's pool, if it has no other. */
    public void pooled(ResponseOpened open, String pool) {
        notePool(open.run(), open.client(), host(open.uri()), pool);
    }

    /**
     * The recording is complete before this instant (the reader finished the chunks up to it, less a lag for events
     * written a little after their time): sweeps the changes before it. {@code Long.MAX_VALUE} once the reading is over:
     * sweeps every change and lets go of what the sweep needed.
     */
    public void advance(long completeBeforeNanos) {
        if (completeBeforeNanos <= swept) {
            return;
        }
        sweptChanges += pending.drainBefore(completeBeforeNanos, this::apply);
        if (completeBeforeNanos == Long.MAX_VALUE) {
            // All is swept, and whatever is told from now on is charted where the sweep stands, past the last bucket:
            // the columns and the counts per connection (one for every connection met) are let go, so that the
            // verdicts, judged next, have the room.
            pending.clear();
            perConnection = new ConnectionCounts();
        }
        swept = completeBeforeNanos;
    }

    /**
     * Adds the leaked series (a verdict known only now) and the threads, charts what was read too late to sweep in
     * order, and returns the timeline.
     *
     * @param responses the analysis's remaining responses ({@code PairingResult.responses()})
     * @param threads   thread spans, names already as they should be displayed
     * @param labelRuns whether JVM runs overlap in time, so that each group name carries its run's label
     */
    public Timeline finish(List<Response> responses, List<ThreadSpan> threads, boolean labelRuns) {
        for (Response r : responses) {
            if (r.pool() != null) {
                notePool(r.run(), r.client(), host(r.uri()), r.pool());
            }
        }
        for (LateOpen late : lateOpens.values()) { // read after the sweep passed, unfinished
            ResponseOpened open = late.open();
            GroupState g = group(open.run(), late.pool(), open.client(), host(open.uri()));
            g.lateOutstanding.interval(open.timeNanos(), StepSweep.NEVER);
            g.lateHeld.interval(open.timeNanos(), StepSweep.NEVER);
        }
        for (Response r : responses) {
            if (r.openedNanos() >= 0 && r.verdict() == Verdict.LEAKED) {
                String host = host(r.uri());
                String pool = r.pool() != null ? r.pool() : uniquePool(r.run(), r.client(), host);
                group(r.run(), pool, r.client(), host).leaked.add(r.openedNanos());
            }
        }
        advance(Long.MAX_VALUE);

        // Group names as displayed; groups with the same name (a run's, a host's without a pool) are added up.
        Map<String, int[][]> named = new TreeMap<>();
        for (Map.Entry<GroupKey, GroupState> e : groups.entrySet()) {
            GroupKey k = e.getKey();
            String pool = k.pool != null ? k.pool : uniquePool(k.run, k.client, k.host);
            String name = display.apply(pool != null ? "pool " + pool : k.client + " " + k.host);
            if (labelRuns) {
                name += " [" + k.run.label() + "]";
            }
            int[][] series = e.getValue().sample();
            int[][] sum = named.get(name);
            if (sum == null) {
                named.put(name, series);
            } else {
                for (int s = 0; s < sum.length; s++) {
                    for (int b = 0; b < buckets; b++) {
                        sum[s][b] += series[s][b];
                    }
                }
            }
        }
        List<GroupSeries> out = new ArrayList<>();
        named.forEach((name, s) -> out.add(new GroupSeries(name, Series.of("outstanding", s[0]),
                Series.of("connections held", s[1]), Series.of("leaked", s[2]))));
        out.sort(Comparator.comparingInt((GroupSeries g) -> -g.leakedAccumulated().last())
                .thenComparingInt(g -> -g.outstanding().peak())
                .thenComparing(GroupSeries::group));

        Map<String, StepSweep> threadSweeps = new TreeMap<>();
        for (ThreadSpan t : threads) {
            threadSweeps.computeIfAbsent(t.foldedName(), n -> new StepSweep())
                    .interval(StepSweep.nanos(t.start(), StepSweep.BEFORE), StepSweep.nanos(t.end(), StepSweep.NEVER));
        }
        List<Series> threadSeries = new ArrayList<>();
        threadSweeps.forEach((name, sweep) -> threadSeries.add(Series.of(name, sweep.sample(start, end, buckets))));
        threadSeries.sort(Comparator.comparingInt((Series s) -> -s.peak()).thenComparing(Series::name));
        return new Timeline(instant(start), instant(end), buckets, out, threadSeries);
    }

    /** Changes swept in time order so far (for tests and the benchmark's memory account). */
    public long sweptChanges() {
        return sweptChanges;
    }

    /** Responses added bucket by bucket because the sweep had passed their open when it was read. */
    public long lateSpans() {
        return lateSpans;
    }

    /** Finishes read after the sweep had passed them, charted where the sweep stood. */
    public long lateFinishes() {
        return lateFinishes;
    }

    /** Changes waiting for the reader to pass them. */
    public int pendingChanges() {
        return pending.size();
    }

    /**
     * Applies one change to its group's series; the changes come in time order, at one instant the -1s first, so a
     * response that ends where the next one on its connection begins never counts the connection twice.
     */
    private void apply(long time, int connection, int groupDelta) {
        int delta = (groupDelta & 1) == 1 ? 1 : -1;
        GroupState g = groupList.get(groupDelta >>> 1);
        g.outstanding.change(time, delta);
        if (connection < 0) {
            g.held.change(time, delta);
        } else {
            int now = perConnection.add(g.index, connection, delta);
            if (now == 1 && delta == 1) {
                g.held.change(time, 1);
            } else if (now == 0 && delta == -1) {
                g.held.change(time, -1);
            }
        }
    }

    private GroupState group(JvmRun run, String pool, String client, String host) {
        return groups.computeIfAbsent(new GroupKey(run, pool, pool == null ? client : null, pool == null ? host : null),
                k -> {
                    GroupState g = new GroupState(groupList.size());
                    groupList.add(g);
                    return g;
                });
    }

    private void notePool(JvmRun run, String client, String host, String pool) {
        Set<String> pools = hostPools.computeIfAbsent(new HostKey(run, client, host), k -> new HashSet<>());
        if (pools.size() < 2) {
            pools.add(pool); // two are enough to know there is no single pool
        }
    }

    private String uniquePool(JvmRun run, String client, String host) {
        Set<String> pools = hostPools.get(new HostKey(run, client, host));
        return pools != null && pools.size() == 1 ? pools.iterator().next() : null;
    }

    /**
     * {@link Sites#hostOf}, without parsing a URI per response (that cost more than the rest of its bookkeeping):
     * {@code scheme://host[:port]/...} with a plain host name is cut by hand, anything else is parsed, and cached.
     */
    private String host(String uri) {
        if (uri == null) {
            return Sites.hostOf(null);
        }
        for (int i = 0; i < prefixes.length && prefixes[i] != null; i++) {
            String prefix = prefixes[i];
            if (uri.startsWith(prefix)) {
                char next = uri.length() == prefix.length() ? '/' : uri.charAt(prefix.length());
                if (next == '/' || next == '?' || next == '#') {
                    return prefixHosts[i];
                }
            }
        }
        String quick = plainHost(uri);
        if (quick != null) {
            int authorityEnd = uri.indexOf("://") + 3;
            while (authorityEnd < uri.length() && "/?#".indexOf(uri.charAt(authorityEnd)) < 0) {
                authorityEnd++;
            }
            prefixes[nextPrefix] = uri.substring(0, authorityEnd);
            prefixHosts[nextPrefix] = quick;
            nextPrefix = (nextPrefix + 1) % prefixes.length;
            return quick;
        }
        String host = hostOfUri.get(uri);
        if (host == null) {
            if (hostOfUri.size() >= 4096) {
                hostOfUri.clear(); // a cache, not a record: bounded whatever the traffic
            }
            host = Sites.hostOf(uri);
            hostOfUri.put(uri, host);
        }
        return host;
    }

    /** {@code host[:port]} of {@code scheme://host[:port][/?#]...} with letters, digits, '-' and '.' only; else null. */
    static String plainHost(String uri) {
        int scheme = uri.indexOf("://");
        if (scheme <= 0) {
            return null;
        }
        for (int i = 0; i < scheme; i++) {
            char c = uri.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && (c >= '0' && c <= '9' || c == '+'
                    || c == '-' || c == '.'))) {
                return null;
            }
        }
        int from = scheme + 3;
        int end = from;
        int colon = -1;
        while (end < uri.length()) {
            char c = uri.charAt(end);
            if (c == '/' || c == '?' || c == '#') {
                break;
            }
            if (c == ':') {
                if (colon >= 0) {
                    return null;
                }
                colon = end;
            } else if (colon >= 0 ? !(c >= '0' && c <= '9')
                    : !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.')) {
                return null; // user info, IPv6, escapes, odd characters: the URI parser decides
            }
            end++;
        }
        int hostEnd = colon >= 0 ? colon : end;
        if (hostEnd == from || uri.charAt(from) == '.' || uri.charAt(from) == '-' || uri.charAt(hostEnd - 1) == '.'
                || uri.charAt(hostEnd - 1) == '-') {
            return null;
        }
        for (int i = from; i < hostEnd - 1; i++) {
            if (uri.charAt(i) == '.' && (uri.charAt(i + 1) == '.' || uri.charAt(i + 1) == '-')) {
                return null;
            }
        }
        if (colon >= 0 && end > colon + 2 && uri.charAt(colon + 1) == '0') {
            return null; // a port with leading zeros: the parser gives it without them
        }
        if (colon >= 0 && (end - colon > 6 || Integer.parseInt(uri.substring(colon + 1, end).isEmpty() ? "0"
                : uri.substring(colon + 1, end)) > 65535)) {
            return null;
        }
        // What URI.create(uri).getHost() and getPort() give for such a URI: an empty port is no port.
        return colon >= 0 && end > colon + 1 ? uri.substring(from, end) : uri.substring(from, hostEnd);
    }

    private static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    private record HostKey(JvmRun run, String client, String host) {
    }

    /** A group before its display name is known: by run, and by pool, or client and host when it has none. */
    private record GroupKey(JvmRun run, String pool, String client, String host) {
    }

    /** One group's series: swept in order, plus what is added bucket by bucket at the end. */
    private final class GroupState {
        final int index;
        final OrderedSeries outstanding = new OrderedSeries();
        final OrderedSeries held = new OrderedSeries();
        final StepSweep lateOutstanding = new StepSweep();
        final StepSweep lateHeld = new StepSweep();
        final OpenEndedSeries leaked = new OpenEndedSeries(start, end, buckets);

        GroupState(int index) {
            this.index = index;
        }

        int[][] sample() {
            int[] out = outstanding.finish();
            int[] h = held.finish();
            int[] lateOut = lateOutstanding.sample(start, end, buckets);
            int[] lateH = lateHeld.sample(start, end, buckets);
            for (int b = 0; b < buckets; b++) {
                out[b] += lateOut[b];
                h[b] += lateH[b];
            }
            return new int[][] {out, h, leaked.sample()};
        }
    }

    /**
     * A step function fed in time order, kept as its maximum per bucket: the same values {@link StepSweep#sample}
     * gives for the same changes, without keeping them.
     */
    private final class OrderedSeries {
        final int[] max = new int[buckets];
        int value;
        /** Buckets before this one hold their final maximum (except for the value carried into them). */
        int next;
        long instant = Long.MIN_VALUE;
        int instantBucket = -1;
        /** The bucket {@link #bucketOf} found last. */
        private int lastBucket;

        void change(long time, int delta) {
            if (time != instant) {
                closeInstant();
                openInstant(time);
            }
            value += delta;
        }

        private void openInstant(long time) {
            instant = time;
            if (time > end) {
                carryTo(buckets);
                instantBucket = -1;
                return;
            }
            int b = bucketOf(time);
            carryTo(b);
            // The value before the change was held for part of bucket b, unless the change is at its very start
            // (changes there set the value the bucket starts with).
            if (time > start + Buckets.offsetNanos(end - start, b, buckets)) {
                max[b] = Math.max(max[b], value);
            }
            instantBucket = b;
        }

        private void closeInstant() {
            if (instantBucket >= 0) {
                max[instantBucket] = Math.max(max[instantBucket], value);
            }
        }

        /** Buckets from {@code next} up to (not including) {@code b} held the current value throughout. */
        private void carryTo(int b) {
            for (; next < b; next++) {
                max[next] = Math.max(max[next], value);
            }
            next = Math.max(next, b);
        }

        int[] finish() {
            closeInstant();
            instantBucket = -1;
            // The bucket the last change fell in held the value after it to its end, as did every later bucket.
            for (int b = Math.max(0, next); b < buckets; b++) {
                max[b] = Math.max(max[b], value);
            }
            next = buckets;
            return max.clone();
        }

        private int bucketOf(long time) {
            if (time <= start) {
                return 0;
            }
            // The last bucket that starts at or before the time: a binary search over the buckets' exact offsets
            // (a floating-point estimate can land one off). Changes come nearly in time order, so the bucket of the
            // change before is tried first.
            long rel = time - start;
            long span = end - start;
            int last = lastBucket;
            if (Buckets.offsetNanos(span, last, buckets) <= rel
                    && (last == buckets - 1 || rel < Buckets.offsetNanos(span, last + 1, buckets))) {
                return last;
            }
            int low = 0;
            int high = buckets - 1;
            while (low < high) {
                int mid = (low + high + 1) >>> 1;
                if (Buckets.offsetNanos(span, mid, buckets) <= rel) {
                    low = mid;
                } else {
                    high = mid - 1;
                }
            }
            lastBucket = low;
            return low;
        }
    }
}
