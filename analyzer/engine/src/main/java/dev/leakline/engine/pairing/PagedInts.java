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
    /** Pages let go by {@link #release}, to be used again: about what a chunk of the timeline's changes takes. */
    private final int[][] spare = new int[8][];
    private int spareCount;

    /** The value at {@code index}, which must have been set (or be on a page a higher index made): 0 if only made. */
    public int get(int index) {
        return pages[index >>> PAGE_BITS][index & (PAGE - 1)];
    }

    /** Whether {@code index} is on a page made and not let go (then {@link #get} may read it; 0 where never set). */
    public boolean has(int index) {
        int page = index >>> PAGE_BITS;
        return page < pages.length && pages[page] != null;
    }

    /** Sets the value at {@code index}, making the pages up to it. */
    public void set(int index, int value) {
        int page = index >>> PAGE_BITS;
        if (page >= pages.length) {
            grow(page);
        }
        pages[page][index & (PAGE - 1)] = value;
    }

    /**
     * Lets go of the whole pages below {@code index}: a column read from the front as it is written at the back
     * (the timeline's waiting changes) keeps only the pages it still reads. An index below it must not be read or
     * set again. The pages let go serve again, zeroed, for the indexes to come, so a column that flows this way
     * makes no garbage: its pages would otherwise live seconds, long enough for the collector to move them to the
     * old generation before they die.
     */
    public void release(int index) {
        for (int p = Math.min(index >>> PAGE_BITS, pages.length) - 1; p >= 0 && pages[p] != null; p--) {
            if (spareCount < spare.length) {
                spare[spareCount++] = pages[p];
            }
            pages[p] = null;
        }
    }

    private void grow(int page) {
        int from = pages.length;
        pages = Arrays.copyOf(pages, page + 1);
        for (int p = from; p <= page; p++) {
            if (spareCount > 0) {
                pages[p] = spare[--spareCount];
                spare[spareCount] = null;
                Arrays.fill(pages[p], 0);
            } else {
                pages[p] = new int[PAGE];
            }
        }
    }
}
