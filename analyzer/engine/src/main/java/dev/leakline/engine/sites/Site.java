package dev.leakline.engine.sites;

import java.util.List;
import java.util.Map;

import dev.leakline.engine.pairing.Verdict;
import dev.leakline.engine.event.Frame;

/**
 * All responses opened at one application line, with their verdicts.
 *
 * @param site      the application frame, {@code Class.method(File.java:line)}; for a stack without one,
 *                  {@code no application frame in the stack; innermost library frame ...}; or {@code (no stack trace)}
 * @param appFrames up to three application frames, innermost first: the site and its callers
 * @param clients   the client libraries seen at this site
 * @param counts    responses per verdict (every verdict present, zero when none)
 * @param leaks     details of the leaked responses, null when none leaked
 * @param closedUnreadOutcomes for closed-unread responses: how many connections were {@code pooled}, {@code closed}
 *                  or {@code unknown}
 * @param threads   the folded names of the threads whose stacks these are (the thread that started an asynchronous
 *                  request, else the one that opened the response), at most a few
 */
public record Site(String site, List<Frame> appFrames, List<String> clients, Map<Verdict, Long> counts,
        LeakDetail leaks, Map<String, Long> closedUnreadOutcomes, List<String> threads) {
    public Site {
        appFrames = List.copyOf(appFrames);
        clients = List.copyOf(clients);
        counts = Map.copyOf(counts);
        closedUnreadOutcomes = Map.copyOf(closedUnreadOutcomes);
        threads = List.copyOf(threads);
    }

    /** A site whose threads are not known. */
    public Site(String site, List<Frame> appFrames, List<String> clients, Map<Verdict, Long> counts,
            LeakDetail leaks, Map<String, Long> closedUnreadOutcomes) {
        this(site, appFrames, clients, counts, leaks, closedUnreadOutcomes, List.of());
    }

    /** Whether the site is an application frame (else the stack had none, or no stack was recorded). */
    public boolean hasApplicationFrame() {
        return !appFrames.isEmpty();
    }

    /**
     * The site in one line, the same in every report and in a test failure: the application frame,
     * {@code com.example.shop.Shop.buy(Shop.java:42)}; or, for a stack without one, {@code no application frame in
     * the stack (thread "OkHttp Dispatcher"; innermost library frame okhttp3...)}.
     */
    public String line() {
        return hasApplicationFrame() ? appFrames.get(0).toString() : withoutApplicationFrame(site);
    }

    /** As {@link #line()}, the application frame without its package: {@code Shop.buy(Shop.java:42)}. */
    public String shortLine() {
        return hasApplicationFrame() ? appFrames.get(0).shortForm() : withoutApplicationFrame(site);
    }

    private String withoutApplicationFrame(String text) {
        String prefix = FrameFilter.NO_APPLICATION_FRAME + "; ";
        if (!text.startsWith(prefix)) {
            return text;
        }
        String thread = threads.isEmpty() ? "" : "thread" + (threads.size() > 1 ? "s " : " ")
                + String.join(", ", threads.stream().map(t -> "\"" + t + "\"").toList()) + "; ";
        return FrameFilter.NO_APPLICATION_FRAME + " (" + thread + text.substring(prefix.length()) + ")";
    }

    /** Responses at this site with the given verdict. */
    public long count(Verdict verdict) {
        return counts.getOrDefault(verdict, 0L);
    }

    /** Responses at this site in total. */
    public long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * The leaked responses of one site.
     *
     * @param uncertain how many of them had a data-loss window after their open (their close may be lost)
     * @param threadIds the ids of the threads that opened them, the first 100 distinct ones (with
     *                  a virtual thread per request, every leak has its own)
     */
    public record LeakDetail(long count, long uncertain, long minAgeMillis, long medianAgeMillis, long maxAgeMillis,
            List<String> pools, List<String> hosts, List<String> exampleUris, long firstSeenNanos, long lastSeenNanos,
            List<Long> threadIds) {
        public LeakDetail {
            pools = List.copyOf(pools);
            hosts = List.copyOf(hosts);
            exampleUris = List.copyOf(exampleUris);
            threadIds = List.copyOf(threadIds);
        }
    }
}
