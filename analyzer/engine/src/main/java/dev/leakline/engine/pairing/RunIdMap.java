package dev.leakline.engine.pairing;

import java.util.function.Predicate;

import dev.leakline.engine.event.JvmRun;

/**
 * A map from a (JVM run, id) key, the key of a response, to a value, with an int mark per entry that its owner uses to
 * find entries to {@link #sweep}: open addressing over parallel arrays (the value, the run, the id, the mark), linear
 * probing, at most half full.
 *
 * <p>Why not a {@code HashMap}: the pairing looks up every event's response here, and every response passes through.
 * A hash map made a key and a node per response (about 60 bytes, a fifth of everything the analyzer allocated on a
 * Leakline recording), chased a pointer to the key on every probe, and a sweep over its entries chased two more per
 * entry. Here a probe compares an id in an array, and a sweep reads the marks.
 *
 * <p>Why not a {@link SlotIndex} over columns, as the open-only store has: there a probe reads the key of each slot it
 * passes from the store's columns, one dependent load at random per step, and a removal reads it for every entry it
 * shifts. Here the cells hold their keys, at 20 bytes a cell against 4, which the pairing's few tens of thousands of
 * responses in flight can afford and a million leaks in the store could not.
 *
 * @param <V> the value (never null)
 */
final class RunIdMap<V> {
    private static final int INITIAL = 1 << 10;
    /** The mark of an entry a sweep kept: no later sweep looks at it again. */
    private static final int SWEPT = Integer.MAX_VALUE;

    private Object[] values = new Object[INITIAL];
    private JvmRun[] runs = new JvmRun[INITIAL];
    private long[] ids = new long[INITIAL];
    private int[] marks = new int[INITIAL];
    private int size;

    /** The value of (run, id), or null. */
    @SuppressWarnings("unchecked")
    V get(JvmRun run, long id) {
        int cell = find(run, id);
        return cell < 0 ? null : (V) values[cell];
    }

    /** Adds (run, id), which must not be in the map, with its value and mark. */
    void putNew(JvmRun run, long id, V value, int mark) {
        if (++size * 2 > values.length) {
            grow();
        }
        place(run, id, value, mark);
    }

    /** Removes (run, id) if it is in the map. */
    void remove(JvmRun run, long id) {
        int cell = find(run, id);
        if (cell >= 0) {
            removeAt(cell);
        }
    }

    int size() {
        return size;
    }

    /**
     * Hands {@code take} every value whose mark is below {@code below}: an entry it accepts is removed; one it refuses
     * is marked so that no later sweep hands it over again (the owner's verdict on an entry is final).
     */
    @SuppressWarnings("unchecked")
    void sweep(int below, Predicate<V> take) {
        for (int cell = 0; cell < values.length; cell++) {
            // A removal shifts a later entry into this cell: look at the cell again. One from the start of the arrays
            // that wraps round into it was seen already: it is marked now, so it is not handed over twice.
            while (values[cell] != null && marks[cell] < below) {
                if (take.test((V) values[cell])) {
                    removeAt(cell);
                } else {
                    marks[cell] = SWEPT;
                }
            }
        }
    }

    /** A view of every entry, for a pass over them all. */
    interface Entries<V> {
        void accept(JvmRun run, long id, V value);
    }

    /** Hands every entry to {@code each}, in no particular order. */
    @SuppressWarnings("unchecked")
    void forEach(Entries<V> each) {
        for (int cell = 0; cell < values.length; cell++) {
            if (values[cell] != null) {
                each.accept(runs[cell], ids[cell], (V) values[cell]);
            }
        }
    }

    /**
     * Hands every entry to {@code each} and lets go of it as it goes (so what {@code each} makes of one can take its
     * place in memory), leaving the map empty.
     */
    @SuppressWarnings("unchecked")
    void drain(Entries<V> each) {
        for (int cell = 0; cell < values.length; cell++) {
            Object value = values[cell];
            if (value != null) {
                JvmRun run = runs[cell];
                values[cell] = null; // no probe runs until the map is empty again
                runs[cell] = null;
                each.accept(run, ids[cell], (V) value);
            }
        }
        size = 0;
    }

    private int find(JvmRun run, long id) {
        int mask = values.length - 1;
        for (int cell = SlotIndex.hash(run, id) & mask; values[cell] != null; cell = (cell + 1) & mask) {
            if (ids[cell] == id && SlotIndex.sameRun(runs[cell], run)) {
                return cell;
            }
        }
        return -1;
    }

    private void removeAt(int cell) {
        int mask = values.length - 1;
        // Backward-shift deletion: every entry after the hole that would no longer be found moves into it.
        for (int next = (cell + 1) & mask; values[next] != null; next = (next + 1) & mask) {
            int home = SlotIndex.hash(runs[next], ids[next]) & mask;
            if (((next - home) & mask) >= ((next - cell) & mask)) {
                values[cell] = values[next];
                runs[cell] = runs[next];
                ids[cell] = ids[next];
                marks[cell] = marks[next];
                cell = next;
            }
        }
        values[cell] = null;
        runs[cell] = null;
        size--;
    }

    private void grow() {
        Object[] oldValues = values;
        JvmRun[] oldRuns = runs;
        long[] oldIds = ids;
        int[] oldMarks = marks;
        int length = oldValues.length * 2;
        values = new Object[length];
        runs = new JvmRun[length];
        ids = new long[length];
        marks = new int[length];
        for (int old = 0; old < oldValues.length; old++) {
            if (oldValues[old] != null) {
                place(oldRuns[old], oldIds[old], oldValues[old], oldMarks[old]);
            }
        }
    }

    /** Writes an entry into the first free cell from its key's home (the key is not in the map). */
    private void place(JvmRun run, long id, Object value, int mark) {
        int mask = values.length - 1;
        int cell = SlotIndex.hash(run, id) & mask;
        while (values[cell] != null) {
            cell = (cell + 1) & mask;
        }
        values[cell] = value;
        runs[cell] = run;
        ids[cell] = id;
        marks[cell] = mark;
    }
}
