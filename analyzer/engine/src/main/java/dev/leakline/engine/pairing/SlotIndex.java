package dev.leakline.engine.pairing;

import dev.leakline.engine.event.JvmRun;

/**
 * Finds the slot of a column store that holds a (run, id) key, the key of responses and connections: open addressing
 * over an {@code int[]} (4 bytes a cell, at most half full), linear probing, no object per entry. The store tells the
 * key in a slot ({@link Keys}); the index holds slot numbers only.
 */
final class SlotIndex {
    /** The key stored in each slot of the store. */
    interface Keys {
        JvmRun run(int slot);

        long id(int slot);
    }

    /** Slot + 1 per cell, 0 for an empty cell. */
    private int[] cells = new int[1 << 10];
    private int size;
    private final Keys keys;

    SlotIndex(Keys keys) {
        this.keys = keys;
    }

    /** The slot holding (run, id), or -1. */
    int find(JvmRun run, long id) {
        int mask = cells.length - 1;
        for (int cell = hash(run, id) & mask; cells[cell] != 0; cell = (cell + 1) & mask) {
            int slot = cells[cell] - 1;
            if (keys.id(slot) == id && sameRun(keys.run(slot), run)) {
                return slot;
            }
        }
        return -1;
    }

    /** Adds a slot whose key is not in the index yet. */
    void add(int slot) {
        if (++size * 2 > cells.length) {
            int[] old = cells;
            cells = new int[old.length * 2];
            for (int cell : old) {
                if (cell != 0) {
                    place(cell - 1);
                }
            }
        }
        place(slot);
    }

    /** Removes a slot that is in the index. */
    void remove(int slot) {
        int mask = cells.length - 1;
        int cell = hashOf(slot) & mask;
        while (cells[cell] != slot + 1) {
            cell = (cell + 1) & mask;
        }
        // Backward-shift deletion: every entry after the hole that would no longer be found moves into it.
        for (int next = (cell + 1) & mask; cells[next] != 0; next = (next + 1) & mask) {
            int home = hashOf(cells[next] - 1) & mask;
            if (((next - home) & mask) >= ((next - cell) & mask)) {
                cells[cell] = cells[next];
                cell = next;
            }
        }
        cells[cell] = 0;
        size--;
    }

    int size() {
        return size;
    }

    /** The slots in the index, in no particular order. */
    int[] slots() {
        int[] out = new int[size];
        int n = 0;
        for (int cell : cells) {
            if (cell != 0) {
                out[n++] = cell - 1;
            }
        }
        return out;
    }

    private void place(int slot) {
        int mask = cells.length - 1;
        int cell = hashOf(slot) & mask;
        while (cells[cell] != 0) {
            cell = (cell + 1) & mask;
        }
        cells[cell] = slot + 1;
    }

    private int hashOf(int slot) {
        return hash(keys.run(slot), keys.id(slot));
    }

    static int hash(JvmRun run, long id) {
        long h = (id ^ run.jvmStartEpochMillis() * 31 ^ run.pid()) * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    /** Mostly the same object (the reader hands out one per JVM), so identity is tried before the record's equals. */
    static boolean sameRun(JvmRun a, JvmRun b) {
        return a == b || a.equals(b);
    }
}
