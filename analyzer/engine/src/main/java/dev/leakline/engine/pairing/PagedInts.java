package dev.leakline.engine.pairing;

import java.util.Arrays;

/**
 * A growable column of ints in fixed pages. Growing adds a page and never copies the column: with a million
 * entries a doubling array would need its old and new copy at once, and each page stays under the collector's
 * humongous size at a small heap. Public for the timeline's columns ({@code TimelineAccumulator}), which grow the
 * same way.
 */
public final class PagedInts {
    static final int PAGE_BITS = 14;
    static final int PAGE = 1 << PAGE_BITS;
    private int[][] pages = new int[0][];

    /** The value at {@code index}, which must have been set (or be on a page a higher index made): 0 if only made. */
    public int get(int index) {
        return pages[index >>> PAGE_BITS][index & (PAGE - 1)];
    }

    /** Whether {@code index} is on a page already made (then {@link #get} may read it; 0 where never set). */
    public boolean has(int index) {
        return index >>> PAGE_BITS < pages.length;
    }

    /** Sets the value at {@code index}, making the pages up to it. */
    public void set(int index, int value) {
        int page = index >>> PAGE_BITS;
        if (page >= pages.length) {
            grow(page);
        }
        pages[page][index & (PAGE - 1)] = value;
    }

    private void grow(int page) {
        int from = pages.length;
        pages = Arrays.copyOf(pages, page + 1);
        for (int p = from; p <= page; p++) {
            pages[p] = new int[PAGE];
        }
    }
}
