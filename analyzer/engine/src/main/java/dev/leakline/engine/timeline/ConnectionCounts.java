package dev.leakline.engine.timeline;

import dev.leakline.engine.pairing.PagedInts;

/**
 * How many outstanding responses each connection has within a group (what the connections-held series counts), for
 * connections numbered densely by the pairing (their slots, {@code Pairing.SpanListener}): per slot a count and the
 * group it counts for, in paged columns. That is 8 bytes a connection, against about 24 in a map by connection id
 * ({@link CountsByKey}, by arithmetic: a half-full table of a long and an int), and a leaked response pins its
 * connection, so a million leaks keep a million counts. The columns hold a slot for every connection met, as the
 * pairing's own connection table does.
 *
 * <p>A connection counts for one group at a time here. Should responses of another group be outstanding on it at the
 * same time (a connection whose responses named different pools or hosts), that group's count for it goes to a map by
 * (group, slot) until it is back at 0: the answers are those of one count per group and connection either way.
 *
 * <p>A count may go below 0 for a while (at one instant, a response's -1 is applied before its +1); like any count
 * other than 0, it keeps its connection's place.
 */
final class ConnectionCounts {
    private final PagedInts counts = new PagedInts();
    /** The group a slot's count is for; meaningless while the count is 0. */
    private final PagedInts groups = new PagedInts();
    /** Counts of a group for a connection whose slot counts for another group; keyed by {@link #key}. */
    private final CountsByKey others = new CountsByKey();

    /**
     * Adds {@code delta} to the count of {@code group}'s outstanding responses on the connection in {@code slot}, and
     * returns the new count.
     */
    int add(int group, int slot, int delta) {
        int count = counts.has(slot) ? counts.get(slot) : 0;
        if (count != 0 && groups.get(slot) == group) {
            counts.set(slot, count + delta);
            return count + delta;
        }
        if (count == 0 && (others.size() == 0 || others.add(key(group, slot), 0) == 0)) {
            // The slot is free and the group has no count for the connection elsewhere: the slot counts for it now.
            counts.set(slot, delta);
            groups.set(slot, group);
            return delta;
        }
        return others.add(key(group, slot), delta);
    }

    /** Connections counted in the map for a second group (for tests). */
    int sharedConnections() {
        return others.size();
    }

    /** Never 0 (the map's empty mark), whatever the group and slot. */
    private static long key(int group, int slot) {
        return (long) group << 32 | (slot + 1L);
    }
}
