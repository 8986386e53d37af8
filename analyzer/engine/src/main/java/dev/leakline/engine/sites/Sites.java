package dev.leakline.engine.sites;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.leakline.engine.pairing.CleanGroup;
import dev.leakline.engine.pairing.PairingResult;
import dev.leakline.engine.pairing.Response;
import dev.leakline.engine.pairing.Verdict;
import dev.leakline.engine.event.Frame;
import dev.leakline.engine.threads.ThreadNames;

/**
 * Groups responses by the application line that made them: for an asynchronous request the line that started it
 * ({@code leakline.RequestStarted}), else the line that opened the response. The one place a site is decided; every
 * report and the JUnit extension take their sites from here.
 */
public final class Sites {
    private static final int EXAMPLES = 3;
    /** At most this many thread ids per site's leaks ({@link Site.LeakDetail#threadIds}). */
    static final int THREAD_IDS = 100;

    private Sites() {
    }

    /** Sites sorted by what to fix first: most leaked, then most other problems, then name. */
    public static List<Site> group(PairingResult pairing, FrameFilter filter) {
        Map<String, Builder> builders = new LinkedHashMap<>();
        for (Response response : pairing.responses()) {
            builder(builders, filter, response.stack()).add(response);
        }
        for (CleanGroup group : pairing.cleanGroups()) {
            Builder b = builder(builders, filter, group.stack());
            b.counts.merge(Verdict.CLEAN, group.count(), Long::sum);
            b.thread(group.thread());
            if (group.client() != null) {
                b.clients.add(group.client());
            }
        }
        List<Site> sites = new ArrayList<>();
        for (Builder b : builders.values()) {
            sites.add(b.build());
        }
        sites.sort(Comparator.comparingLong((Site s) -> -s.count(Verdict.LEAKED))
                .thenComparingLong(s -> -problems(s))
                .thenComparing(Site::site));
        return List.copyOf(sites);
    }

    /**
     * The sites a user should change, in the order of {@link #group}: those that leaked, held a response longer than
     * the minimum age, or read a body to the end without closing it. Closed-unread and uncertain responses are left
     * out: the first may be intended, the second is not known to be a leak. Every report's "what to fix" is this list.
     */
    public static List<Site> toFix(List<Site> sites) {
        return sites.stream().filter(s -> s.count(Verdict.LEAKED) + s.count(Verdict.RECOVERED)
                + s.count(Verdict.DRAINED_NOT_CLOSED) > 0).toList();
    }

    /** The release outcome of a connection the client put back in its pool. */
    public static final String POOLED = "pooled";

    /**
     * Whether a response was closed unread and its connection still went back to the pool (the client read the rest
     * on close: Apache 5.2+, OkHttp for small remainders, Apache's {@code EntityUtils.consume}): it cost nothing but
     * reading the rest, so it is information, not something to fix.
     */
    public static boolean pooledOnClose(Response response) {
        return response.verdict() == Verdict.CLOSED_UNREAD && POOLED.equals(response.connectionOutcome());
    }

    private static long problems(Site site) {
        long n = 0;
        for (Verdict v : Verdict.values()) {
            if (v.isProblem()) {
                n += site.count(v);
            }
        }
        return n - site.closedUnreadOutcomes().getOrDefault(POOLED, 0L);
    }

    private static Builder builder(Map<String, Builder> builders, FrameFilter filter, List<Frame> stack) {
        String site = filter.siteOf(stack);
        return builders.computeIfAbsent(site, s -> new Builder(s, filter.applicationFrames(stack, 3)));
    }

    /** {@code host:port} of a URI, or the URI itself when it does not parse. */
    public static String hostOf(String uri) {
        if (uri == null) {
            return "?";
        }
        try {
            URI parsed = URI.create(uri);
            if (parsed.getHost() == null) {
                return uri;
            }
            return parsed.getHost() + (parsed.getPort() >= 0 ? ":" + parsed.getPort() : "");
        } catch (IllegalArgumentException e) {
            return uri;
        }
    }

    /**
     * One site's tallies, filled one response at a time: no response is kept, since the pairing may build each one
     * only when asked for it (a million leaked responses are never all alive at once).
     */
    private static final class Builder {
        final String site;
        final List<Frame> appFrames;
        final Set<String> clients = new LinkedHashSet<>();
        final Map<Verdict, Long> counts = new EnumMap<>(Verdict.class);
        final Leaks leaked = new Leaks();
        final Map<String, Long> closedUnread = new TreeMap<>();
        final Set<String> threads = new LinkedHashSet<>();

        Builder(String site, List<Frame> appFrames) {
            this.site = site;
            this.appFrames = appFrames;
            for (Verdict v : Verdict.values()) {
                counts.put(v, 0L);
            }
        }

        void thread(String folded) {
            if (folded != null && threads.size() < EXAMPLES) {
                threads.add(folded);
            }
        }

        void add(Response response) {
            counts.merge(response.verdict(), 1L, Long::sum);
            if (threads.size() < EXAMPLES) { // folding a name costs; once full, no name is added anyway
                thread(ThreadNames.fold(response.threadName()));
            }
            if (response.client() != null) {
                clients.add(response.client());
            }
            if (response.verdict() == Verdict.LEAKED) {
                leaked.add(response);
            } else if (response.verdict() == Verdict.CLOSED_UNREAD) {
                String outcome = response.connectionOutcome() == null ? "unknown" : response.connectionOutcome();
                closedUnread.merge(outcome, 1L, Long::sum);
            }
        }

        Site build() {
            return new Site(site, appFrames, List.copyOf(clients), counts, leaked.detail(), closedUnread,
                    List.copyOf(threads));
        }
    }

    /**
     * The leaked responses of one site, as {@link Site.LeakDetail} needs them: every age ({@link LeakAges}, 4 bytes a
     * leak, for the exact median), and otherwise only sets that stay small (pools, hosts, threads) and the first few
     * URIs. Sets keep the order in which the responses came.
     */
    private static final class Leaks {
        final LeakAges ages = new LeakAges();
        long uncertain;
        final Set<String> pools = new LinkedHashSet<>();
        final Set<String> hosts = new LinkedHashSet<>();
        final Set<String> uris = new LinkedHashSet<>();
        final Set<Long> threads = new LinkedHashSet<>();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;

        void add(Response r) {
            ages.add(r.ageNanos() / 1_000_000);
            if (r.pool() != null) {
                pools.add(r.pool());
            }
            hosts.add(hostOf(r.uri()));
            if (uris.size() < EXAMPLES && r.uri() != null) {
                uris.add((r.method() == null ? "" : r.method() + " ") + r.uri());
            }
            if (threads.size() < THREAD_IDS) {
                threads.add(r.threadId());
            }
            first = Math.min(first, r.openedNanos());
            last = Math.max(last, r.openedNanos());
            if (r.uncertain()) {
                uncertain++;
            }
        }

        Site.LeakDetail detail() {
            if (ages.count() == 0) {
                return null;
            }
            long[] minMedianMax = ages.minMedianMax();
            return new Site.LeakDetail(ages.count(), uncertain, minMedianMax[0], minMedianMax[1], minMedianMax[2],
                    new ArrayList<>(pools), new ArrayList<>(hosts), new ArrayList<>(uris), first, last,
                    new ArrayList<>(threads));
        }
    }
}
