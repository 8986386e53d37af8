package dev.leakline.engine.timeline;

import dev.leakline.engine.pairing.PagedInts;

/**
 * How many outstanding responses each connection has within a group (what the connections-held series counts), for
 * connections numbered densely by the pairing (their slots, {@code Pairing.SpanListener}): per slot one {@code int}
 * in a paged column, the group it counts for and the count. That is 4 bytes a connection, against about 24 in a map
 * by connection id (a half-full table of a {@code long} and an {@code int}, by arithmetic), and a leaked response pins
 * its connection, so a million leaks keep a million counts. The column holds a slot for every connection met, as the
 * pairing's own connection table does.
 *
 * <p>A slot counts for one group at a time. What does not fit it goes to a map by (group, slot) ({@link CountsByKey})
 * until it is back at 0: the count of a second group with responses outstanding on the connection at the same time (a
 * connection whose responses named different pools or hosts), a group numbered {@code 0xFFFF} or more, a count beyond
 * a {@code short}. The answers are those of one count per group and connection either way.
 *
 * <p>A count may go below 0 for a while (at one instant, a response's -1 is applied before its +1); like any count
 * other than 0, it keeps its place.
 */
final class ConnectionCounts {
    /** The largest group a slot can count for: its number plus 1 takes the upper 16 bits. */
    private static final int MAX_GROUP = 0xFFFE;

    /** Per slot: 0 when free, else the group plus 1 in the upper 16 bits and the count as a {@code short} below. */
    private final PagedInts slots = new PagedInts();
    /** Counts that do not fit their slot, keyed by {@link #key}. */
    private final CountsByKey others = new CountsByKey();

    /**
     * Adds {@code delta} to the count of {@code group}'s outstanding responses on the connection in {@code slot}, and
     * returns the new count.
     */
    int add(int group, int slot, int delta) {
        int cell = slots.has(slot) ? slots.get(slot) : 0;
        if (cell != 0 && cell >>> 16 == group + 1) {
            int count = (short) cell + delta;
            if (count == 0 || count != (short) count) {
                // Back at 0, the slot is free; beyond a short, the count moves to the map and the slot is free too.
                slots.set(slot, 0);
                return count == 0 ? 0 : others.add(key(group, slot), count);
            }
            slots.set(slot, pack(group, count));
            return count;
        }
        if (cell == 0 && group <= MAX_GROUP && delta == (short) delta
                && (others.size() == 0 || others.add(key(group, slot), 0) == 0)) {
            // The slot is free and the group has no count for the connection in the map: the slot counts for it now.
            if (delta != 0) {
                slots.set(slot, pack(group, delta));
            }
            return delta;
        }
        return others.add(key(group, slot), delta);
    }

    /** Counts kept in the map, not in their slot (for tests). */
    int countsInMap() {
        return others.size();
    }

    private static int pack(int group, int count) {
        return (group + 1) << 16 | (count & 0xFFFF);
    }

    /** Never 0 (the map's empty mark), whatever the group and slot. */
    private static long key(int group, int slot) {
        return (long) group << 32 | (slot + 1L);
    }
}
