package dev.leakline.engine.pairing;

import java.util.function.IntUnaryOperator;

/**
 * Finds a slot of a column store by its key's hash: open addressing over an {@code int[]} (4 bytes a cell, at most
 * half full), linear probing, no object per entry. The store compares keys itself while walking the probe sequence:
 * <pre>{@code
 * for (int cell = index.first(hash); index.slotAt(cell) >= 0; cell = index.next(cell)) {
 *     if (keyOf(index.slotAt(cell)) matches) return index.slotAt(cell);
 * }}</pre>
 */
final class SlotIndex {
    /** Slot + 1 per cell, 0 for an empty cell. */
    private int[] cells = new int[1 << 10];
    private int size;
    private final IntUnaryOperator hashOfSlot;

    /** @param hashOfSlot the hash of the key stored in a slot (the same as the one given to {@link #first}) */
    SlotIndex(IntUnaryOperator hashOfSlot) {
        this.hashOfSlot = hashOfSlot;
    }

    /** The first cell to look at for a key with this hash. */
    int first(int hash) {
        return hash & (cells.length - 1);
    }

    /** The slot in {@code cell}, or -1 when the cell is empty (the end of the probe sequence). */
    int slotAt(int cell) {
        return cells[cell] - 1;
    }

    int next(int cell) {
        return (cell + 1) & (cells.length - 1);
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
        int cell = hashOfSlot.applyAsInt(slot) & mask;
        while (cells[cell] != slot + 1) {
            cell = (cell + 1) & mask;
        }
        // Backward-shift deletion: every entry after the hole that would no longer be found moves into it.
        for (int next = (cell + 1) & mask; cells[next] != 0; next = (next + 1) & mask) {
            int home = hashOfSlot.applyAsInt(cells[next] - 1) & mask;
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
        int cell = hashOfSlot.applyAsInt(slot) & mask;
        while (cells[cell] != 0) {
            cell = (cell + 1) & mask;
        }
        cells[cell] = slot + 1;
    }

    /** A hash of a (run, id) key, the key of responses and connections. */
    static int hash(dev.leakline.engine.event.JvmRun run, long id) {
        long h = (id ^ run.jvmStartEpochMillis() * 31 ^ run.pid()) * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
