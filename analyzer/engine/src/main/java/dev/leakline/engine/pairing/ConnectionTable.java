package dev.leakline.engine.pairing;

import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

import dev.leakline.engine.event.JvmRun;

/**
 * Per connection of a run, in order of first appearance: the responses opened on it, its releases (pooled, closed)
 * and its pool, as columns. A leaked response pins its connection, so the pool opens another: a million leaks bring
 * about a million connections, each opened once and never released. Such a connection costs its id, its run and one
 * count (about 24 bytes with its index cell); only a connection that was released, or used more than once, gets a row
 * of the fuller columns (16 bytes more). As map entries with a key and a counts array each they took about 110 (by
 * arithmetic).
 */
final class ConnectionTable implements SlotIndex.Keys {
    private final Interned<JvmRun> runs = new Interned<>(Integer.MAX_VALUE, true);
    private final Interned<String> pools = new Interned<>(Integer.MAX_VALUE, true);
    private final PagedLongs ids = new PagedLongs();
    private final PagedInts runOf = new PagedInts();
    /** Responses opened on it (0 or 1) when it has no row, else -1 - its row in the columns below. */
    private final PagedInts countOrRow = new PagedInts();
    private final PagedSmallLongs responses = new PagedSmallLongs();
    private final PagedSmallLongs pooled = new PagedSmallLongs();
    private final PagedSmallLongs closed = new PagedSmallLongs();
    /** The pool's number, -1 while no release named one. */
    private final PagedInts poolOf = new PagedInts();
    private final SlotIndex index = new SlotIndex(this);
    private int size;
    private int rows;

    /** A response was opened on the connection; returns the connection's slot. */
    int opened(JvmRun run, long id) {
        int slot = slot(run, id);
        int value = countOrRow.get(slot);
        if (value == 0) {
            countOrRow.set(slot, 1);
        } else {
            int row = row(slot);
            responses.set(row, responses.get(row) + 1);
        }
        return slot;
    }

    /**
     * The connection was released ({@code closed}: closed instead of going back to its pool); the first pool named
     * is its pool.
     */
    void released(JvmRun run, long id, String pool, boolean closed) {
        int row = row(slot(run, id));
        if (pool != null && poolOf.get(row) < 0) {
            poolOf.set(row, pools.indexOf(pool));
        }
        PagedSmallLongs count = closed ? this.closed : pooled;
        count.set(row, count.get(row) + 1);
    }

    /** The connection's pool, null when unknown. */
    String pool(JvmRun run, long id) {
        int slot = index.find(run, id);
        if (slot < 0 || countOrRow.get(slot) >= 0) {
            return null;
        }
        int pool = poolOf.get(-1 - countOrRow.get(slot));
        return pool < 0 ? null : pools.get(pool);
    }

    /** The connection's slot, -1 when it was never counted. */
    int slotOf(JvmRun run, long id) {
        return index.find(run, id);
    }

    /** The id of the connection in {@code slot}. */
    @Override
    public long id(int slot) {
        return ids.get(slot);
    }

    /** Every connection, in order of first appearance; each element is built when read. */
    List<Connection> list() {
        int n = size;
        class Connections extends AbstractList<Connection> implements RandomAccess, BuiltOnAccess {
            @Override
            public Connection get(int slot) {
                Objects.checkIndex(slot, n);
                JvmRun run = run(slot);
                int value = countOrRow.get(slot);
                if (value >= 0) {
                    return new Connection(run, ids.get(slot), null, value, 0, 0);
                }
                int row = -1 - value;
                int pool = poolOf.get(row);
                return new Connection(run, ids.get(slot), pool < 0 ? null : pools.get(pool), responses.get(row),
                        pooled.get(row), closed.get(row));
            }

            @Override
            public int size() {
                return n;
            }
        }
        return new Connections();
    }

    /** The connection's row in the fuller columns, made (with its count so far) if it has none. */
    private int row(int slot) {
        int value = countOrRow.get(slot);
        if (value < 0) {
            return -1 - value;
        }
        int row = rows++;
        responses.set(row, value);
        pooled.set(row, 0);
        closed.set(row, 0);
        poolOf.set(row, -1);
        countOrRow.set(slot, -1 - row);
        return row;
    }

    @Override
    public JvmRun run(int slot) {
        return runs.get(runOf.get(slot));
    }

    private int slot(JvmRun run, long id) {
        int slot = index.find(run, id);
        if (slot < 0) {
            slot = size++;
            ids.set(slot, id);
            runOf.set(slot, runs.indexOf(run));
            countOrRow.set(slot, 0);
            index.add(slot);
        }
        return slot;
    }
}
