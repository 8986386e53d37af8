package dev.leakline.analyzer.watch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.leakline.engine.analysis.Analysis;
import dev.leakline.engine.pairing.Response;
import dev.leakline.engine.pairing.Verdict;
import dev.leakline.engine.sites.FrameFilter;
import dev.leakline.engine.sites.Site;
import dev.leakline.engine.sites.Sites;
import dev.leakline.engine.threads.ThreadGroup;
import dev.leakline.engine.threads.ThreadNames;

/**
 * What the live view shows at one moment, read off an engine snapshot: per site the responses still outstanding
 * (opened, neither read to the end nor closed) and the age of the oldest; the leaked responses; per pool the
 * connections those outstanding responses hold; the client threads alive. No verdict is decided here: the engine's
 * are only counted and sorted.
 *
 * @param asOfNanos when, on the target's clock
 * @param sites     every site with responses, most leaked first, then most outstanding
 * @param leaks     leaked responses, oldest first
 * @param pools     pools (or client and host when the client names no pool) with connections held, most first
 * @param threads   client threads alive, per folded name
 * @param totals    responses per verdict (every verdict present)
 */
record LiveState(long asOfNanos, List<SiteRow> sites, List<LeakRow> leaks, List<PoolRow> pools,
        List<ThreadRow> threads, Map<Verdict, Long> totals) {
    /** One site: its outstanding responses now, and what it has seen. */
    record SiteRow(String site, long outstanding, long leaked, long oldestAgeNanos, long total,
            Map<Verdict, Long> counts) {
    }

    /**
     * One leaked response.
     *
     * @param key the response's identity within the watch (its JVM run and id)
     */
    record LeakRow(String key, long id, String site, String client, String method, String uri, String thread,
            String pool, long openedNanos, long ageNanos) {
    }

    /** Connections held by outstanding responses of one pool. */
    record PoolRow(String pool, long held, long heldByLeaks) {
    }

    /** Client threads alive with one folded name. */
    record ThreadRow(String name, long alive) {
    }

    /** The leaked responses' keys. */
    Set<String> leakKeys() {
        Set<String> keys = new HashSet<>();
        leaks.forEach(l -> keys.add(l.key()));
        return keys;
    }

    /** Responses leaked now. */
    long leaked() {
        return totals.getOrDefault(Verdict.LEAKED, 0L);
    }

    static String key(Response r) {
        return r.run().pid() + "/" + r.run().jvmStartEpochMillis() + "/" + r.id();
    }

    static LiveState of(Analysis analysis, long asOfNanos) {
        FrameFilter filter = FrameFilter.withExtraPrefixes(analysis.options().skipFrames());
        Map<String, long[]> outstanding = new LinkedHashMap<>(); // site -> {count, oldest age}
        Map<String, Set<Long>[]> pools = new LinkedHashMap<>(); // pool -> {connections held, held by leaks}
        List<LeakRow> leaks = new ArrayList<>();
        for (Response r : analysis.pairing().responses()) {
            if (!unfinished(r.verdict())) {
                continue;
            }
            String site = filter.siteOf(r.stack());
            long[] o = outstanding.computeIfAbsent(site, s -> new long[2]);
            o[0]++;
            o[1] = Math.max(o[1], r.ageNanos());
            String pool = r.pool() != null ? r.pool() : r.client() + " " + Sites.hostOf(r.uri());
            @SuppressWarnings("unchecked")
            Set<Long>[] held = pools.computeIfAbsent(pool, p -> new Set[] {new HashSet<>(), new HashSet<>()});
            // A response without a connection id stands for its own connection (java.net.http names none).
            long connection = r.connectionId() != 0 ? r.connectionId() : -r.id();
            held[0].add(connection);
            if (r.verdict() == Verdict.LEAKED) {
                held[1].add(connection);
                leaks.add(new LeakRow(key(r), r.id(), site, r.client(), r.method(), r.uri(), r.threadName(),
                        r.pool(), r.openedNanos(), r.ageNanos()));
            }
        }
        List<SiteRow> sites = new ArrayList<>();
        for (Site s : analysis.sites()) {
            long[] o = outstanding.getOrDefault(s.site(), new long[2]);
            Map<Verdict, Long> counts = new EnumMap<>(Verdict.class);
            for (Verdict v : Verdict.values()) {
                counts.put(v, s.count(v));
            }
            sites.add(new SiteRow(s.site(), o[0], s.count(Verdict.LEAKED), o[1], s.total(), counts));
        }
        sites.sort(Comparator.comparingLong((SiteRow s) -> -s.leaked()).thenComparingLong(s -> -s.outstanding())
                .thenComparing(SiteRow::site));
        leaks.sort(Comparator.comparingLong(LeakRow::openedNanos).thenComparingLong(LeakRow::id));
        List<PoolRow> poolRows = new ArrayList<>();
        pools.forEach((p, held) -> poolRows.add(new PoolRow(p, held[0].size(), held[1].size())));
        poolRows.sort(Comparator.comparingLong((PoolRow p) -> -p.held()).thenComparing(PoolRow::pool));
        Map<String, Long> alive = new LinkedHashMap<>();
        for (ThreadGroup g : analysis.threads().aliveAtEnd()) {
            if (ThreadNames.clientOf(g.namePattern()) != null) {
                alive.merge(g.namePattern(), (long) g.count(), Long::sum);
            }
        }
        List<ThreadRow> threads = new ArrayList<>();
        alive.forEach((n, c) -> threads.add(new ThreadRow(n, c)));
        Map<Verdict, Long> totals = new EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) {
            totals.put(v, analysis.pairing().count(v));
        }
        return new LiveState(asOfNanos, List.copyOf(sites), List.copyOf(leaks), List.copyOf(poolRows),
                List.copyOf(threads), totals);
    }

    /** Opened and neither read to the end nor closed: holding its connection now. */
    static boolean unfinished(Verdict v) {
        return v == Verdict.IN_FLIGHT || v == Verdict.LEAKED || v == Verdict.UNCERTAIN;
    }
}
