package dev.leakline.engine.pairing;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;
import java.util.function.IntFunction;

/**
 * The judged responses in order of open (then id), where those still in an {@link OpenOnlyStore} are judged each
 * time they are read: {@link #get} builds a new {@link Response} for them, so a million leaks cost their columns, not
 * a million records. A reader should go through the list and keep what it needs, not the elements.
 *
 * <p>Each verdict is worked out once here, so counting them does not build the records again.
 */
final class JudgedResponses extends AbstractList<Response> implements RandomAccess, BuiltOnAccess {
    private final List<Response> judged;
    private final OpenOnlyStore store;
    private final IntFunction<Response> judge;
    /**
     * In list order: a slot of the store, or -1 - an index into {@link #judged} (one array for both, 4 bytes a
     * response).
     */
    private final int[] order;
    private final long[] counts = new long[Verdict.values().length];
    private long uncertain;

    /**
     * @param judged responses judged already, in any order
     * @param store  the responses to judge on demand
     * @param judge  judges the response in a slot of {@code store}
     */
    JudgedResponses(List<Response> judged, OpenOnlyStore store, IntFunction<Response> judge) {
        this.judged = List.copyOf(judged);
        this.store = store;
        this.judge = judge;
        int[] slots = store.slots();
        order = java.util.Arrays.copyOf(slots, slots.length + this.judged.size());
        for (int i = 0; i < this.judged.size(); i++) {
            order[slots.length + i] = -1 - i;
        }
        sort();
        for (int i = 0; i < order.length; i++) {
            Response r = get(i);
            counts[r.verdict().ordinal()]++;
            if (r.uncertain()) {
                uncertain++;
            }
        }
    }

    @Override
    public Response get(int index) {
        int at = order[index];
        return at < 0 ? judged.get(-1 - at) : judge.apply(at);
    }

    @Override
    public int size() {
        return order.length;
    }

    /** How many have the verdict. */
    long count(Verdict verdict) {
        return counts[verdict.ordinal()];
    }

    /** How many are uncertain ({@link Response#uncertain}). */
    long uncertain() {
        return uncertain;
    }

    /**
     * Sorts the positions by (opened, id), stable: a merge sort over ints, reading the times from the columns (no
     * boxing of a million positions, no copy of their times).
     */
    private void sort() {
        int[] from = order;
        int[] to = new int[order.length];
        for (int width = 1; width < order.length; width *= 2) {
            for (int lo = 0; lo < order.length; lo += 2 * width) {
                int mid = Math.min(lo + width, order.length);
                int hi = Math.min(lo + 2 * width, order.length);
                int a = lo;
                int b = mid;
                for (int k = lo; k < hi; k++) {
                    if (b >= hi || a < mid && !before(from[b], from[a])) {
                        to[k] = from[a++];
                    } else {
                        to[k] = from[b++];
                    }
                }
            }
            int[] swap = from;
            from = to;
            to = swap;
        }
        if (from != order) {
            System.arraycopy(from, 0, order, 0, order.length);
        }
    }

    /** Whether position {@code x} goes strictly before position {@code y}. */
    private boolean before(int x, int y) {
        long ox = opened(x);
        long oy = opened(y);
        return ox < oy || ox == oy && id(x) < id(y);
    }

    private long opened(int position) {
        return position < 0 ? judged.get(-1 - position).openedNanos() : store.openedNanos(position);
    }

    private long id(int position) {
        return position < 0 ? judged.get(-1 - position).id() : store.id(position);
    }
}
