package dev.leakline.analyzer.watch;

import dev.leakline.engine.pairing.Verdict;

/** The one-line totals both views end with. */
final class Summary {
    private Summary() {
    }

    /** E.g. {@code 3 leaked at 1 site; 12 responses: 8 clean, 1 in_flight, 3 leaked}. */
    static String line(LiveState state) {
        long sitesWithLeaks = state.sites().stream().filter(s -> s.leaked() > 0).count();
        long total = state.totals().values().stream().mapToLong(Long::longValue).sum();
        StringBuilder b = new StringBuilder();
        b.append(state.leaked()).append(" leaked at ").append(sitesWithLeaks).append(sitesWithLeaks == 1 ? " site" : " sites");
        b.append("; ").append(total).append(total == 1 ? " response" : " responses");
        String sep = ": ";
        for (Verdict v : Verdict.values()) {
            long n = state.totals().getOrDefault(v, 0L);
            if (n > 0) {
                b.append(sep).append(n).append(' ').append(v.id());
                sep = ", ";
            }
        }
        return b.toString();
    }
}
