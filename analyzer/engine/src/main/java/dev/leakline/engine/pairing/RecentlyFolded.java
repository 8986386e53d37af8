package dev.leakline.engine.pairing;

import dev.leakline.engine.event.JvmRun;

/**
 * The responses folded clean most recently, with the group each went to: a ring of the last {@code capacity} folds,
 * the oldest forgotten first, found by (run, id) through a {@link SlotIndex}.
 *
 * <p>Why not a map: every clean response passes through here and stays for the next {@code capacity} folds, long
 * enough to outlive a few young collections. As map entries (a node and a key each) that was a stream of objects
 * promoted to the old generation and dropped there, about 90 bytes per clean response, which the collector then had
 * to mark and sweep; here a fold writes three array cells.
 *
 * @param <G> the group a folded response went to (shared among many responses)
 */
final class RecentlyFolded<G> implements SlotIndex.Keys {
    private static final int INITIAL = 1 << 10;
    private final int capacity;
    /** Grown by doubling up to the capacity: a recording with few clean responses keeps small arrays. */
    private JvmRun[] runs = new JvmRun[INITIAL];
    private long[] ids = new long[INITIAL];
    private Object[] groups = new Object[INITIAL];
    private final SlotIndex index = new SlotIndex(this);
    /** The slot the next fold takes; once the ring is full, the oldest fold's. */
    private int next;
    private int size;

    RecentlyFolded(int capacity) {
        this.capacity = capacity;
    }

    /** Whether (run, id) is among the recent folds. */
    boolean contains(JvmRun run, long id) {
        return index.find(run, id) >= 0;
    }

    /** The group (run, id) was folded into, or null when it is not among the recent folds. */
    @SuppressWarnings("unchecked")
    G get(JvmRun run, long id) {
        int slot = index.find(run, id);
        return slot < 0 ? null : (G) groups[slot];
    }

    /**
     * Notes a fold: a response already here keeps its place (as a map's insertion order would) with its new group; a
     * new one takes the next slot, and the oldest fold is forgotten when the ring is full.
     */
    void put(JvmRun run, long id, G group) {
        int slot = index.find(run, id);
        if (slot >= 0) {
            groups[slot] = group;
            return;
        }
        if (size == runs.length && size < capacity) {
            int grown = Math.min(capacity, size * 2);
            runs = java.util.Arrays.copyOf(runs, grown);
            ids = java.util.Arrays.copyOf(ids, grown);
            groups = java.util.Arrays.copyOf(groups, grown);
        }
        slot = next;
        if (size == capacity) {
            index.remove(slot);
        } else {
            size++;
        }
        runs[slot] = run;
        ids[slot] = id;
        groups[slot] = group;
        index.add(slot);
        next = (next + 1) % capacity;
    }

    int size() {
        return size;
    }

    @Override
    public JvmRun run(int slot) {
        return runs[slot];
    }

    @Override
    public long id(int slot) {
        return ids[slot];
    }
}
