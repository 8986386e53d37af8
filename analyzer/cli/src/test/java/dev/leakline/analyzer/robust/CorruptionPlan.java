package dev.leakline.analyzer.robust;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Chooses the corruptions for one source recording, deterministically from a seed: every chunk boundary (and one
 * byte either side of it, and inside its header), random cut points, random byte flips, zeroed/erased/scrambled
 * ranges, and hits on each chunk header's fields (version, size, constant pool and metadata offsets, times).
 */
final class CorruptionPlan {
    /** How many cases of each random family to draw per source. */
    record Budget(int boundaries, int cuts, int flips, int ranges, int headers, int headerHits) {
        /** The CI run: a few of each, so the whole suite stays well under a minute. */
        static final Budget QUICK = new Budget(6, 8, 12, 6, 3, 6);
        /** The on-demand run ({@code -Dleakline.robust.exhaustive=true}). */
        static final Budget EXHAUSTIVE = new Budget(Integer.MAX_VALUE, 120, 300, 80, Integer.MAX_VALUE,
                Integer.MAX_VALUE);

        Budget scaled(double factor) {
            return new Budget(scale(boundaries, factor), scale(cuts, factor), scale(flips, factor),
                    scale(ranges, factor), scale(headers, factor), scale(headerHits, factor));
        }

        private static int scale(int n, double factor) {
            return n == Integer.MAX_VALUE ? n : Math.max(1, (int) Math.round(n * factor));
        }
    }

    /** Header fields worth breaking, as offsets inside the chunk header. */
    private static final int[] HEADER_LONGS = {8, 16, 24, 32, 40, 48};

    private CorruptionPlan() {
    }

    static List<Corruption> plan(byte[] source, long seed, Budget budget) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Long> boundaries = Chunks.boundaries(source);
        List<Long> starts = boundaries.subList(0, boundaries.size() - 1);
        LinkedHashSet<Corruption> cases = new LinkedHashSet<>();
        long length = source.length;

        // Every chunk boundary (sampled when there are many), plus the byte before and after, and mid-header.
        for (long boundary : sample(boundaries.subList(1, boundaries.size()), budget.boundaries(), random)) {
            if (boundary < length) {
                cases.add(new Corruption(Corruption.Kind.CUT_AT_BOUNDARY, boundary, 0, 0));
                cases.add(cut(boundary + 1, boundaries));
                cases.add(cut(boundary + Chunks.HEADER / 2, boundaries));
            }
            cases.add(cut(boundary - 1, boundaries));
        }
        cases.add(cut(1, boundaries));
        cases.add(cut(4, boundaries));
        cases.add(cut(Chunks.HEADER - 1, boundaries));
        for (int i = 0; i < budget.cuts(); i++) {
            cases.add(cut(1 + random.nextLong(length - 1), boundaries));
        }
        for (int i = 0; i < budget.flips(); i++) {
            cases.add(new Corruption(Corruption.Kind.FLIP, random.nextLong(length), 0, 1 + random.nextInt(255)));
        }
        for (int i = 0; i < budget.ranges(); i++) {
            int len = 1 + random.nextInt(4096);
            long at = random.nextLong(length);
            switch (i % 3) {
                case 0 -> cases.add(new Corruption(Corruption.Kind.FILL, at, len, 0x00));
                case 1 -> cases.add(new Corruption(Corruption.Kind.FILL, at, len, 0xff));
                default -> cases.add(new Corruption(Corruption.Kind.SCRAMBLE, at, len, random.nextLong()));
            }
        }
        // Chunk headers: the fields a reader trusts to find everything else.
        for (long start : sample(starts, budget.headers(), random)) {
            List<Corruption> hits = new ArrayList<>();
            for (int field : HEADER_LONGS) {
                long at = start + field;
                hits.add(new Corruption(Corruption.Kind.SET_LONG, at, 8, 0));
                hits.add(new Corruption(Corruption.Kind.SET_LONG, at, 8, -1));
                hits.add(new Corruption(Corruption.Kind.SET_LONG, at, 8, Long.MAX_VALUE));
                hits.add(new Corruption(Corruption.Kind.SET_LONG, at, 8, 1L << (20 + random.nextInt(20))));
            }
            hits.add(new Corruption(Corruption.Kind.FLIP, start + 5, 0, 0x07)); // major version
            hits.add(new Corruption(Corruption.Kind.FLIP, start + 7, 0, 0x01)); // minor version
            hits.add(new Corruption(Corruption.Kind.FILL, start + 64, 4, 0xff)); // features
            int n = Math.min(hits.size(), budget.headerHits());
            for (int i = 0; i < n; i++) {
                cases.add(hits.remove(random.nextInt(hits.size())));
            }
        }
        return new ArrayList<>(cases);
    }

    /** A cut; one that lands on a chunk boundary by chance leaves a whole recording and is classed so. */
    private static Corruption cut(long offset, List<Long> boundaries) {
        Corruption.Kind kind = boundaries.contains(offset) ? Corruption.Kind.CUT_AT_BOUNDARY : Corruption.Kind.CUT;
        return new Corruption(kind, offset, 0, 0);
    }

    private static List<Long> sample(List<Long> values, int n, SplittableRandom random) {
        if (values.size() <= n) {
            return values;
        }
        List<Long> copy = new ArrayList<>(values);
        List<Long> chosen = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            chosen.add(copy.remove(random.nextInt(copy.size())));
        }
        chosen.sort(null);
        return chosen;
    }
}
