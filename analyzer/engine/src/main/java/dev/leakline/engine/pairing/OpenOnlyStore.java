package dev.leakline.engine.pairing;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import dev.leakline.engine.event.Frame;
import dev.leakline.engine.event.JvmRun;
import dev.leakline.engine.event.RecordedEvent.RequestStarted;
import dev.leakline.engine.event.RecordedEvent.ResponseOpened;

/**
 * Responses of which only the open (and, for an asynchronous request, its start) has been read, long enough that they
 * are likely to stay so (a leak), kept as primitive columns instead of objects: the id, the open's time, thread and
 * content length; the connection's slot in the {@link ConnectionTable}; one number for the values a response shares
 * with others of its thread and call (run, thread name, client, method, protocol, pool, status and stack, as one
 * {@link Shape}) and one for its URI up to the last {@code /}; and the rest of the URI as bytes. About 50 bytes a
 * response with its index cell, against about 400 as a {@code ResponseOpened} with its URI in a lifecycle in a hash
 * map; a million leaks then fit in a small heap (docs/performance.md has the measured cost).
 *
 * <p>Lossless: {@link #open} gives back a record equal to the one stored, so pairing a drain or close that comes
 * later, or judging at the end, works on the very same values.
 */
final class OpenOnlyStore implements SlotIndex.Keys {
    /** A URI's directory is numbered while there are fewer than this many; beyond, the whole URI goes to the arena. */
    private static final int DIRECTORIES = 1 << 16;

    private final PagedSmallLongs ids = new PagedSmallLongs();
    private final PagedLongs opened = new PagedLongs();
    private final PagedSmallLongs threadIds = new PagedSmallLongs();
    /** The connection's slot in the {@link ConnectionTable}, -1 for none (id 0). */
    private final PagedInts connectionSlots = new PagedInts();
    private final PagedSmallLongs contentLengths = new PagedSmallLongs();
    /** The shape's number, times four, plus {@link #CHARTED} and {@link #STARTED}. */
    private final PagedInts shapeAndFlags = new PagedInts();
    /** The response was told to the span listener. */
    private static final int CHARTED = 1;
    /** The response's request started asynchronously: the start's columns below are set. */
    private static final int STARTED = 2;
    /** The URI's directory number, -1 for none (the whole URI is in the arena), -2 for a response without a URI. */
    private final PagedInts directories = new PagedInts();
    private final PagedInts rests = new PagedInts();
    /*
     * The start of an asynchronous request: its time, thread and stack (its client, method and URI are the open's, or
     * the response is not stored). Pages are made only where a start is stored, so synchronous traffic pays nothing.
     */
    private final PagedLongs startTimes = new PagedLongs();
    private final PagedSmallLongs startThreadIds = new PagedSmallLongs();
    private final PagedInts startThreadNames = new PagedInts();
    private final PagedInts startStacks = new PagedInts();
    private final Interned<String> threadNames = new Interned<>(Integer.MAX_VALUE, true);

    private final Interned<Shape> shapes = new Interned<>(Integer.MAX_VALUE / 4, false);
    private final Interned<List<Frame>> stackTable = new Interned<>(Integer.MAX_VALUE, true);
    private final Interned<String> directoryTable = new Interned<>(DIRECTORIES, false);
    private TextArena arena = new TextArena();

    private final SlotIndex index = new SlotIndex(this);
    private int[] freeSlots = new int[64];
    private int free;
    private int slots;
    private int arenaCopies;

    private final ConnectionTable connections;

    /** @param connections where the responses' connections are counted: a stored response names its slot there */
    OpenOnlyStore(ConnectionTable connections) {
        this.connections = connections;
    }

    /** The values a response shares with others of its thread and call (its stack too), numbered as one. */
    private record Shape(JvmRun run, String threadName, String client, String method, String protocol, String pool,
            int status, List<Frame> stack) {
    }

    /**
     * Stores an open; returns false, storing nothing, when a value does not fit (a URI longer than the arena's page)
     * or the start names another client, method or URI than the open (a redirect).
     *
     * @param started its request's start, null for none
     * @param charted whether the response was told to the span listener
     */
    boolean add(ResponseOpened open, RequestStarted started, boolean charted) {
        if (started != null && !(Objects.equals(started.client(), open.client())
                && Objects.equals(started.method(), open.method()) && Objects.equals(started.uri(), open.uri()))) {
            return false;
        }
        int connection = open.connectionId() == 0 ? -1 : connections.slotOf(open.run(), open.connectionId());
        if (connection < 0 && open.connectionId() != 0) {
            return false; // not counted as a connection: the pairing counts every open's, so never so there
        }
        int shape = shapes.indexOf(new Shape(open.run(), open.threadName(), open.client(), open.method(),
                open.protocol(), open.pool(), open.status(), open.stack()));
        String uri = open.uri();
        int directory = -2;
        int rest = 0;
        if (uri != null) {
            int cut = uri.lastIndexOf('/') + 1;
            directory = cut == 0 ? -1 : directoryTable.indexOf(uri.substring(0, cut));
            rest = arena.add(directory < 0 ? uri : uri.substring(cut));
            if (rest < 0) {
                return false;
            }
        }
        int slot = free > 0 ? freeSlots[--free] : slots++;
        ids.set(slot, open.responseId());
        opened.set(slot, open.timeNanos());
        threadIds.set(slot, open.javaThreadId());
        connectionSlots.set(slot, connection);
        contentLengths.set(slot, open.contentLength());
        shapeAndFlags.set(slot, shape * 4 + (charted ? CHARTED : 0) + (started != null ? STARTED : 0));
        if (started != null) {
            startTimes.set(slot, started.timeNanos());
            startThreadIds.set(slot, started.javaThreadId());
            startThreadNames.set(slot, threadNames.indexOf(started.threadName()));
            startStacks.set(slot, stackTable.indexOf(started.stack()));
        }
        directories.set(slot, directory);
        rests.set(slot, rest);
        index.add(slot);
        return true;
    }

    /** The slot of the response (run, id), or -1. */
    int find(JvmRun run, long id) {
        return index.find(run, id);
    }

    /** The open stored in {@code slot}, rebuilt (equal to the one stored). */
    ResponseOpened open(int slot) {
        Shape s = shapes.get(shapeAndFlags.get(slot) >>> 2);
        int connection = connectionSlots.get(slot);
        return new ResponseOpened(s.run, opened.get(slot), threadIds.get(slot), s.threadName, ids.get(slot),
                connection < 0 ? 0 : connections.id(connection), s.client, s.method, uri(slot), s.status, s.protocol,
                contentLengths.get(slot), s.stack, s.pool);
    }

    /** The start stored with the response in {@code slot}, rebuilt; null when its request had none. */
    RequestStarted started(int slot) {
        if ((shapeAndFlags.get(slot) & STARTED) == 0) {
            return null;
        }
        ResponseOpened open = open(slot);
        return new RequestStarted(open.run(), startTimes.get(slot), startThreadIds.get(slot),
                threadNames.get(startThreadNames.get(slot)), open.responseId(), open.client(), open.method(),
                open.uri(), stackTable.get(startStacks.get(slot)));
    }

    /** The slot of the stored response's connection in the {@link ConnectionTable}, -1 when its open names none. */
    int connection(int slot) {
        return connectionSlots.get(slot);
    }

    boolean charted(int slot) {
        return (shapeAndFlags.get(slot) & CHARTED) != 0;
    }

    long openedNanos(int slot) {
        return opened.get(slot);
    }

    @Override
    public long id(int slot) {
        return ids.get(slot);
    }

    @Override
    public JvmRun run(int slot) {
        return shapes.get(shapeAndFlags.get(slot) >>> 2).run;
    }

    /** Lets go of the response in {@code slot}; the slot may be given to another. */
    void remove(int slot) {
        index.remove(slot);
        if (directories.get(slot) != -2) {
            arena.free(rests.get(slot));
        }
        if (free == freeSlots.length) {
            freeSlots = Arrays.copyOf(freeSlots, free * 2);
        }
        freeSlots[free++] = slot;
        if (arena.worthCopying()) {
            copyArena();
        }
    }

    /** How many responses are stored. */
    int size() {
        return index.size();
    }

    /** The slots in use, in no particular order. */
    int[] slots() {
        return index.slots();
    }

    private String uri(int slot) {
        int directory = directories.get(slot);
        if (directory == -2) {
            return null;
        }
        String rest = arena.get(rests.get(slot));
        return directory < 0 ? rest : directoryTable.get(directory).concat(rest);
    }

    private void copyArena() {
        TextArena fresh = new TextArena();
        for (int slot : slots()) {
            if (directories.get(slot) != -2) {
                rests.set(slot, fresh.add(arena.get(rests.get(slot))));
            }
        }
        arena = fresh;
        arenaCopies++;
    }

    /** How many times the live URIs were copied to a fresh arena (for tests). */
    int arenaCopies() {
        return arenaCopies;
    }
}
