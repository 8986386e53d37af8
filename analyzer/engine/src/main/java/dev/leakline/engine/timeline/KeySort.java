package dev.leakline.engine.timeline;

/**
 * Sorts longs with a buffer the caller keeps. {@code Arrays.sort} makes a merge array as large as its input whenever
 * the input comes in runs, and the timeline's sort keys do (they are read nearly in time order): at a small heap a
 * chunk's keys are over half a region, so each sort made two humongous arrays, and each of those started a
 * concurrent collection cycle once the heap was past its threshold. Here both arrays live from sort to sort.
 */
final class KeySort {
    /** Runs of this many are sorted in place first; the merges take it from there. */
    private static final int RUN = 32;

    private KeySort() {
    }

    /**
     * Sorts {@code a[0, n)} ascending, using {@code buffer} (at least {@code n} long) for the merges.
     */
    static void sort(long[] a, int n, long[] buffer) {
        for (int from = 0; from < n; from += RUN) {
            insertionSort(a, from, Math.min(from + RUN, n));
        }
        long[] src = a;
        long[] dst = buffer;
        for (int width = RUN; width < n; width *= 2) {
            for (int from = 0; from < n; from += 2 * width) {
                int mid = Math.min(from + width, n);
                int to = Math.min(from + 2 * width, n);
                if (mid == to || src[mid - 1] <= src[mid]) {
                    System.arraycopy(src, from, dst, from, to - from); // already in order: the common case here
                } else {
                    merge(src, from, mid, to, dst);
                }
            }
            long[] t = src;
            src = dst;
            dst = t;
        }
        if (src != a) {
            System.arraycopy(src, 0, a, 0, n);
        }
    }

    private static void insertionSort(long[] a, int from, int to) {
        for (int i = from + 1; i < to; i++) {
            long v = a[i];
            int j = i - 1;
            while (j >= from && a[j] > v) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = v;
        }
    }

    private static void merge(long[] src, int from, int mid, int to, long[] dst) {
        int i = from;
        int j = mid;
        for (int k = from; k < to; k++) {
            if (j >= to || i < mid && src[i] <= src[j]) {
                dst[k] = src[i++];
            } else {
                dst[k] = src[j++];
            }
        }
    }
}
