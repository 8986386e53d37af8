package dev.leakline.engine.timeline;

import java.util.Arrays;
import java.util.Comparator;

import dev.leakline.engine.pairing.PagedInts;
import dev.leakline.engine.pairing.PagedLongs;

/**
 * The timeline's changes (+1 or -1 of a group, on a connection) waiting for the reader to pass them, in the order they
 * were read, and handed over in time order once it has ({@link #drainBefore}).
 *
 * <p>Each is three numbers in paged columns (16 bytes, not an object's 48). The columns are read from the front and
 * written at the back, so pages the front has passed are let go. The changes are kept in batches, one per drain (a
 * chunk of the recording), each with bounds on its times: a drain looks only at the batches that can hold a ready
 * change, and moves only what waits behind the last such change: with several chunks' changes waiting, a drain looks at
 * about one chunk's, not at every waiting change.
 *
 * <p>Not thread-safe.
 */
final class PendingChanges {
    /** Receives the ready changes, in time order. */
    interface Sink {
        void apply(long time, int connection, int groupDelta);
    }

    /** The bits of a sort key that hold a change's position, counted from the first waiting one. */
    private static final int POSITION_BITS = 21;
    private static final int POSITION_MASK = (1 << POSITION_BITS) - 1;
    /** More batches than this (many drains that left changes waiting) are merged, oldest first. */
    private static final int MAX_BATCHES = 64;
    /**
     * Positions grow with every change told; once the first waiting one is past this (and past the number waiting),
     * they are moved back to 0, so that they stay ints and the page tables stay short.
     */
    private final int rebaseAt;

    private PagedLongs times = new PagedLongs();
    private PagedInts connections = new PagedInts();
    /** Group index times 2, plus 1 for a +1. */
    private PagedInts groupDeltas = new PagedInts();
    /** Positions {@code [head, tail)} wait. */
    private int head;
    private int tail;
    /**
     * Batch {@code b} holds positions {@code [batchStart[b], batchStart[b + 1])}, the last up to {@link #tail}, and
     * takes what is added. Its times lie within {@code [batchMin[b], batchMax[b]]} (bounds, not always exact: a time
     * moved earlier lowers the first, nothing lowers the second until the batch is drained).
     */
    private int[] batchStart = new int[8];
    private long[] batchMin = new long[8];
    private long[] batchMax = new long[8];
    private int batches;
    /** The sort keys of a drain and the sort's buffer, kept from drain to drain (see {@link KeySort}). */
    private long[] keys = new long[0];
    private long[] sortBuffer = new long[0];

    PendingChanges() {
        this(1 << 22);
    }

    /** For tests: {@code rebaseAt} small, so that moving the positions back is exercised. */
    PendingChanges(int rebaseAt) {
        this.rebaseAt = rebaseAt;
        clear();
    }

    /** Changes waiting. */
    int size() {
        return tail - head;
    }

    void add(long time, int connection, int groupDelta) {
        times.set(tail, time);
        connections.set(tail, connection);
        groupDeltas.set(tail++, groupDelta);
        int b = batches - 1;
        if (time < batchMin[b]) {
            batchMin[b] = time;
        }
        if (time > batchMax[b]) {
            batchMax[b] = time;
        }
    }

    /**
     * Moves the last waiting change at {@code wasNanos} of that group, sign and connection to {@code toNanos}, which
     * is not after it.
     *
     * @return false if no such change waits
     */
    boolean moveEarlier(long wasNanos, int connection, int groupDelta, long toNanos) {
        for (int i = tail - 1; i >= head; i--) {
            if (times.get(i) == wasNanos && groupDeltas.get(i) == groupDelta && connections.get(i) == connection) {
                times.set(i, toNanos);
                int b = batches - 1;
                while (batchStart[b] > i) {
                    b--;
                }
                batchMin[b] = Math.min(batchMin[b], toNanos);
                return true;
            }
        }
        return false;
    }

    /**
     * Hands every waiting change before {@code before} to {@code sink}, in time order, at one instant the -1s first
     * and otherwise in the order they were told, then forgets them; the changes told next start a new batch.
     *
     * @return the number handed over
     */
    long drainBefore(long before, Sink sink) {
        int ready = 0;
        long base = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        int lastReadyBatch = -1;
        for (int b = 0; b < batches; b++) {
            if (batchMin[b] >= before) {
                continue; // nothing ready in it (an empty batch has no lower bound)
            }
            lastReadyBatch = b;
            int from = batchStart[b];
            int to = end(b);
            if (batchMax[b] < before) {
                ready += to - from;
                base = Math.min(base, batchMin[b]);
                last = Math.max(last, batchMax[b]);
                continue;
            }
            for (int i = from; i < to; i++) {
                long time = times.get(i);
                if (time < before) {
                    ready++;
                    base = Math.min(base, time);
                    last = Math.max(last, time);
                }
            }
        }
        if (ready > 0) {
            handOver(before, ready, lastReadyBatch, base, last, sink);
            removeBefore(before, lastReadyBatch);
        }
        openBatch();
        return ready;
    }

    /** Forgets every change and lets go of the columns. */
    void clear() {
        times = new PagedLongs();
        connections = new PagedInts();
        groupDeltas = new PagedInts();
        keys = new long[0];
        sortBuffer = new long[0];
        head = 0;
        tail = 0;
        batches = 1;
        batchStart[0] = 0;
        batchMin[0] = Long.MAX_VALUE;
        batchMax[0] = Long.MIN_VALUE;
    }

    private int end(int b) {
        return b + 1 < batches ? batchStart[b + 1] : tail;
    }

    private void handOver(long before, int ready, int lastReadyBatch, long base, long last, Sink sink) {
        // The order is a sort of one long per change: time since the first, then the sign (-1 first), then the
        // position. Only a span of more than 36 minutes or two million changes waiting needs the slow way.
        if (tail - head <= POSITION_MASK + 1 && last - base < (1L << 41)) {
            if (keys.length < ready) {
                keys = new long[ready];
                sortBuffer = new long[ready];
            }
            int k = 0;
            for (int b = 0; b <= lastReadyBatch; b++) {
                if (batchMin[b] >= before) {
                    continue;
                }
                boolean all = batchMax[b] < before;
                for (int i = batchStart[b], to = end(b); i < to; i++) {
                    long time = times.get(i);
                    if (all || time < before) {
                        keys[k++] = ((time - base) << (POSITION_BITS + 1))
                                | ((long) (groupDeltas.get(i) & 1) << POSITION_BITS) | (i - head);
                    }
                }
            }
            KeySort.sort(keys, ready, sortBuffer);
            for (k = 0; k < ready; k++) {
                int i = head + (int) (keys[k] & POSITION_MASK);
                sink.apply(times.get(i), connections.get(i), groupDeltas.get(i));
            }
        } else {
            Integer[] boxed = new Integer[ready];
            int k = 0;
            for (int i = head; i < tail; i++) {
                if (times.get(i) < before) {
                    boxed[k++] = i;
                }
            }
            Arrays.sort(boxed, Comparator.comparingLong((Integer i) -> times.get(i))
                    .thenComparingInt(i -> groupDeltas.get(i) & 1)); // stable: told order within a tie
            for (int i : boxed) {
                sink.apply(times.get(i), connections.get(i), groupDeltas.get(i));
            }
        }
    }

    /**
     * Drops the changes before {@code before}: the batches up to the last holding one close up towards it, in their
     * order, so the changes behind it stay where they are.
     */
    private void removeBefore(long before, int lastReadyBatch) {
        int write = end(lastReadyBatch);
        int to = write;
        for (int b = lastReadyBatch; b >= 0; b--) {
            int from = batchStart[b];
            if (batchMin[b] >= before) {
                for (int i = to - 1; i >= from; i--) {
                    move(i, --write);
                }
            } else if (batchMax[b] < before) {
                batchMin[b] = Long.MAX_VALUE;
                batchMax[b] = Long.MIN_VALUE;
            } else {
                long min = Long.MAX_VALUE;
                long max = Long.MIN_VALUE;
                for (int i = to - 1; i >= from; i--) {
                    long time = times.get(i);
                    if (time >= before) {
                        move(i, --write);
                        min = Math.min(min, time);
                        max = Math.max(max, time);
                    }
                }
                batchMin[b] = min;
                batchMax[b] = max;
            }
            batchStart[b] = write;
            to = from;
        }
        head = write;
        int kept = 0;
        for (int b = 0; b < batches; b++) {
            if (end(b) > batchStart[b] || b == batches - 1) {
                batchStart[kept] = batchStart[b];
                batchMin[kept] = batchMin[b];
                batchMax[kept++] = batchMax[b];
            }
        }
        batches = kept;
        if (head >= rebaseAt && head >= tail - head) {
            rebase();
        } else {
            times.release(head);
            connections.release(head);
            groupDeltas.release(head);
        }
    }

    private void move(int from, int to) {
        if (from != to) {
            times.set(to, times.get(from));
            connections.set(to, connections.get(from));
            groupDeltas.set(to, groupDeltas.get(from));
        }
    }

    /** Moves the waiting changes to positions from 0, into new columns. */
    private void rebase() {
        PagedLongs newTimes = new PagedLongs();
        PagedInts newConnections = new PagedInts();
        PagedInts newGroupDeltas = new PagedInts();
        for (int i = head; i < tail; i++) {
            newTimes.set(i - head, times.get(i));
            newConnections.set(i - head, connections.get(i));
            newGroupDeltas.set(i - head, groupDeltas.get(i));
        }
        times = newTimes;
        connections = newConnections;
        groupDeltas = newGroupDeltas;
        for (int b = 0; b < batches; b++) {
            batchStart[b] -= head;
        }
        tail -= head;
        head = 0;
    }

    /** Starts the batch that takes the changes told from now on (the last one, if nothing was added to it). */
    private void openBatch() {
        if (batchStart[batches - 1] == tail) {
            return;
        }
        if (batches == MAX_BATCHES) { // the two oldest become one, with bounds covering both
            batchMin[0] = Math.min(batchMin[0], batchMin[1]);
            batchMax[0] = Math.max(batchMax[0], batchMax[1]);
            System.arraycopy(batchStart, 2, batchStart, 1, batches - 2);
            System.arraycopy(batchMin, 2, batchMin, 1, batches - 2);
            System.arraycopy(batchMax, 2, batchMax, 1, batches - 2);
            batches--;
        }
        if (batches == batchStart.length) {
            batchStart = Arrays.copyOf(batchStart, batches * 2);
            batchMin = Arrays.copyOf(batchMin, batches * 2);
            batchMax = Arrays.copyOf(batchMax, batches * 2);
        }
        batchStart[batches] = tail;
        batchMin[batches] = Long.MAX_VALUE;
        batchMax[batches++] = Long.MIN_VALUE;
    }
}
