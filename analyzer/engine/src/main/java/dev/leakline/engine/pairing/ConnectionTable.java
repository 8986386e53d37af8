package dev.leakline.engine.pairing;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

import dev.leakline.engine.event.JvmRun;

/**
 * Per connection of a run, in order of first appearance: the responses opened on it, its releases (pooled, closed)
 * and its pool, as columns (about 36 bytes a connection). A leaked response pins its connection, so the pool opens
 * another: a million leaks bring about a million connections, which as map entries with a key and a counts array each
 * took about three times as much.
 */
final class ConnectionTable {
    private final Interned<JvmRun> runs = new Interned<>(Integer.MAX_VALUE, true);
    private final Interned<String> pools = new Interned<>(Integer.MAX_VALUE, true);
    private final PagedLongs ids = new PagedLongs();
    private final PagedInts runOf = new PagedInts();
    private final PagedSmallLongs responses = new PagedSmallLongs();
    private final PagedSmallLongs pooled = new PagedSmallLongs();
    private final PagedSmallLongs closed = new PagedSmallLongs();
    /** The pool's number, -1 while no release named one. */
    private final PagedInts poolOf = new PagedInts();
    private final SlotIndex index = new SlotIndex(slot -> SlotIndex.hash(runs.get(runOf.get(slot)), ids.get(slot)));
    private int size;

    /** A response was opened on the connection. */
    void opened(JvmRun run, long id) {
        int slot = slot(run, id);
        responses.set(slot, responses.get(slot) + 1);
    }

    /**
     * The connection was released ({@code closed}: closed instead of going back to its pool); the first pool named
     * is its pool.
     */
    void released(JvmRun run, long id, String pool, boolean closed) {
        int slot = slot(run, id);
        if (pool != null && poolOf.get(slot) < 0) {
            poolOf.set(slot, pools.indexOf(pool));
        }
        PagedSmallLongs count = closed ? this.closed : pooled;
        count.set(slot, count.get(slot) + 1);
    }

    /** The connection's pool, null when unknown. */
    String pool(JvmRun run, long id) {
        int slot = find(run, id);
        return slot < 0 || poolOf.get(slot) < 0 ? null : pools.get(poolOf.get(slot));
    }

    /** Every connection, in order of first appearance; each element is built when read. */
    List<Connection> list() {
        int n = size;
        class Connections extends AbstractList<Connection> implements RandomAccess, BuiltOnAccess {
            @Override
            public Connection get(int slot) {
                java.util.Objects.checkIndex(slot, n);
                int pool = poolOf.get(slot);
                return new Connection(runs.get(runOf.get(slot)), ids.get(slot), pool < 0 ? null : pools.get(pool),
                        responses.get(slot), pooled.get(slot), closed.get(slot));
            }

            @Override
            public int size() {
                return n;
            }
        }
        return new Connections();
    }

    private int find(JvmRun run, long id) {
        for (int cell = index.first(SlotIndex.hash(run, id)); index.slotAt(cell) >= 0; cell = index.next(cell)) {
            int slot = index.slotAt(cell);
            if (ids.get(slot) == id && runs.get(runOf.get(slot)).equals(run)) {
                return slot;
            }
        }
        return -1;
    }

    private int slot(JvmRun run, long id) {
        int slot = find(run, id);
        if (slot < 0) {
            slot = size++;
            ids.set(slot, id);
            runOf.set(slot, runs.indexOf(run));
            responses.set(slot, 0);
            pooled.set(slot, 0);
            closed.set(slot, 0);
            poolOf.set(slot, -1);
            index.add(slot);
        }
        return slot;
    }
}
