package dev.leakline.engine.sites;

import java.util.List;
import java.util.Map;

import dev.leakline.engine.pairing.Verdict;
import dev.leakline.engine.event.Frame;

/**
 * All responses opened at one application line, with their verdicts.
 *
 * @param site      the first application frame, {@code Class.method(File.java:line)}
 * @param appFrames up to three application frames, innermost first: the site and its callers
 * @param clients   the client libraries seen at this site
 * @param counts    responses per verdict (every verdict present, zero when none)
 * @param leaks     details of the leaked responses, null when none leaked
 * @param closedUnreadOutcomes for closed-unread responses: how many connections were {@code pooled}, {@code closed}
 *                  or {@code unknown}
 */
public record Site(String site, List<Frame> appFrames, List<String> clients, Map<Verdict, Long> counts,
        LeakDetail leaks, Map<String, Long> closedUnreadOutcomes) {
    public Site {
        appFrames = List.copyOf(appFrames);
        clients = List.copyOf(clients);
        counts = Map.copyOf(counts);
        closedUnreadOutcomes = Map.copyOf(closedUnreadOutcomes);
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
