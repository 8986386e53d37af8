package dev.leakline.engine.timeline;

/**
 * Counts by a {@code long} key: open addressing over a {@code long[]} of keys and an {@code int[]} of counts (about 24
 * bytes an entry at most half full; a map with boxed keys and a counter array each took about 80, by arithmetic).
 * {@link ConnectionCounts} keeps here, by group and connection slot, the counts of a group whose connection's own
 * column counts for another group: few. Key 0 is never a key: it marks an empty cell.
 */
final class CountsByKey {
    private long[] ids = new long[64];
    private int[] counts = new int[64];
    private int size;

    /** Adds {@code delta} to the key's count and returns the new count; a key at 0 is let go. */
    int add(long id, int delta) {
        int mask = ids.length - 1;
        int cell = cellOf(id, mask);
        while (ids[cell] != 0 && ids[cell] != id) {
            cell = (cell + 1) & mask;
        }
        if (ids[cell] == 0) {
            if (delta == 0) {
                return 0;
            }
            if ((size + 1) * 2 > ids.length) {
                grow();
                return add(id, delta);
            }
            ids[cell] = id;
            size++;
        }
        int count = counts[cell] += delta;
        if (count == 0) {
            remove(cell);
        }
        return count;
    }

    int size() {
        return size;
    }

    private void remove(int cell) {
        int mask = ids.length - 1;
        // Backward-shift deletion: every entry after the hole that would no longer be found moves into it.
        for (int next = (cell + 1) & mask; ids[next] != 0; next = (next + 1) & mask) {
            int home = cellOf(ids[next], mask);
            if (((next - home) & mask) >= ((next - cell) & mask)) {
                ids[cell] = ids[next];
                counts[cell] = counts[next];
                cell = next;
            }
        }
        ids[cell] = 0;
        counts[cell] = 0;
        size--;
    }

    private void grow() {
        long[] oldIds = ids;
        int[] oldCounts = counts;
        ids = new long[oldIds.length * 2];
        counts = new int[oldIds.length * 2];
        int mask = ids.length - 1;
        for (int i = 0; i < oldIds.length; i++) {
            if (oldIds[i] != 0) {
                int cell = cellOf(oldIds[i], mask);
                while (ids[cell] != 0) {
                    cell = (cell + 1) & mask;
                }
                ids[cell] = oldIds[i];
                counts[cell] = oldCounts[i];
            }
        }
    }

    private static int cellOf(long id, int mask) {
        long h = id * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
