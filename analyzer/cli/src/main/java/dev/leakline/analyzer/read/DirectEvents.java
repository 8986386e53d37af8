package dev.leakline.analyzer.read;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongFunction;

import org.openjdk.jmc.common.IMCStackTrace;
import org.openjdk.jmc.common.IMCThread;

/**
 * The events of one chunk that the analyzer decodes from the chunk's bytes itself, hidden from JMC by
 * {@link UnneededEvents}: where each one is, and where the events JMC still hands over fall among them, so that
 * {@link ChunkSinks} converts every event in file order.
 *
 * <p>Why: JMC decodes each field of each event into objects (a quantity per number, a string per string, a values
 * array) before a sink sees it, and then the sink converts those objects into the analyzer's record. For Leakline's
 * own events, nearly all of a Leakline recording, that was about three quarters of the analyzer's CPU time. Here a
 * field is a position in the chunk's array until a converter asks for it: numbers are read as they are stepped over,
 * a string is decoded only when asked for, and a string that repeats (a client, a method, a pool) is recognised by
 * its bytes among the field's last few values, not decoded again. Threads, stack traces and pooled strings are JMC's own objects, looked
 * up by their constant-pool keys in the pools JMC resolved, so records are the ones JMC's values would give.
 *
 * <p>Used under the chunk's lock, on the thread JMC calls the sinks on; the chunk's array must not change until
 * {@link #decodeRest} has returned.
 */
final class DirectEvents {
    /** Turns decoding off ({@code -Dleakline.decodeEvents=false}): JMC decodes every event, as before. */
    static final String PROPERTY = "leakline.decodeEvents";
    /** A type with more fields than this is left to JMC (Leakline's have about a dozen). */
    static final int MAX_FIELDS = 64;
    /** No events to decode. */
    static final DirectEvents NONE = new DirectEvents(new byte[0], ThreadSightings.NONE);

    private final byte[] bytes;
    private final ChunkClock clock;
    private final ThreadSightings sightings;
    private final List<EventLayouts.Layout> types = new ArrayList<>();
    /** Per event of ours: where it starts (its size), and its type's index in {@link #types}. */
    private final Column ours = new Column();
    private int count;
    /** Where each event JMC hands over starts, in file order. */
    private final Column visible = new Column();
    private int visibleCount;
    /** The next of ours to decode, and how many of JMC's it has handed over. */
    private int next;
    private int handedOver;
    private boolean failed;
    /** The converter of each of our types (by index in {@link #types}), made when the first event is converted. */
    private Consumer<EventFields>[] converters;
    private EventLayouts.Layout lastLayout;
    private int lastType;
    private Fields fields;

    /** @param sightings where the threads of the events decoded here are noted; its clock converts their times */
    DirectEvents(byte[] bytes, ThreadSightings sightings) {
        this.bytes = bytes;
        this.clock = sightings.clock();
        this.sightings = sightings;
    }

    static boolean enabled() {
        return !"false".equals(System.getProperty(PROPERTY));
    }

    /**
     * Notes one of ours, starting (with its size) at {@code at}. Returns false when the chunk has more of our types
     * than this can tell apart (the event is then left to JMC).
     */
    boolean addOurs(int at, EventLayouts.Layout layout) {
        int type = layout == lastLayout ? lastType : indexOf(layout);
        if (type < 0) {
            if (types.size() == Byte.MAX_VALUE) {
                return false;
            }
            types.add(layout);
            type = types.size() - 1;
        }
        lastLayout = layout;
        lastType = type;
        ours.set(count++, at, type);
        return true;
    }

    private int indexOf(EventLayouts.Layout layout) {
        for (int i = 0; i < types.size(); i++) {
            if (types.get(i) == layout) { // by identity: a layout's equals compares its arrays
                return i;
            }
        }
        return -1;
    }

    /** Notes an event JMC will hand over, starting at {@code at}. */
    void addVisible(int at) {
        visible.set(visibleCount++, at, 0);
    }

    /** How many events are ours to decode. */
    int count() {
        return count;
    }

    /**
     * The constant pools JMC resolved ({@code java.lang.Thread}, {@code jdk.types.StackTrace}, {@code java.lang.String}
     * by key), and the chunk's shared strings: what a converter gets for a key is what JMC would have given.
     */
    void resolved(LongFunction<Object> threads, LongFunction<Object> stacks, LongFunction<Object> strings,
            SharedStrings shared) {
        fields = new Fields(threads, stacks, strings, shared);
    }

    /**
     * JMC is about to hand over its next event: converts ours that come before it. {@code converters} gives the
     * converter of each of our types (null: none); {@code givenUp} says when to stop (the chunk was given up).
     */
    void beforeNextVisible(Function<EventLayouts.Layout, Consumer<EventFields>> converters,
            BooleanSupplier givenUp) {
        int limit = handedOver < visibleCount ? visible.at(handedOver) : Integer.MAX_VALUE;
        handedOver++;
        decodeUpTo(limit, converters, givenUp);
    }

    /** JMC's parse has ended whole: converts the rest of ours. */
    void decodeRest(Function<EventLayouts.Layout, Consumer<EventFields>> converters, BooleanSupplier givenUp) {
        decodeUpTo(Integer.MAX_VALUE, converters, givenUp);
    }

    @SuppressWarnings("unchecked")
    private void decodeUpTo(int limit, Function<EventLayouts.Layout, Consumer<EventFields>> converterOf,
            BooleanSupplier givenUp) {
        if (failed || next >= count || ours.at(next) >= limit) {
            return;
        }
        if (fields == null) {
            failed = true; // the pools were never resolved: JMC failed before its events
            throw new IllegalStateException("the constant pools were not resolved");
        }
        if (converters == null) {
            converters = new Consumer[types.size()];
            for (int i = 0; i < types.size(); i++) {
                converters[i] = converterOf.apply(types.get(i));
            }
            fields.types(types);
        }
        int current = next;
        try {
            while (next < count && ours.at(next) < limit) {
                if ((next & 1023) == 0 && givenUp.getAsBoolean()) {
                    return; // the chunk's parse was given up: its records go nowhere
                }
                current = next;
                int type = ours.tag(next);
                fields.read(type, ours.at(next));
                next++;
                if (converters[type] != null) {
                    converters[type].accept(fields);
                }
                fields.noteThread();
            }
        } catch (RuntimeException e) {
            failed = true; // damaged: nothing after it is read, as JMC stops at a damaged event
            throw new IllegalArgumentException(types.get(ours.tag(current)).name() + ": " + e, e);
        }
    }

    /** The fields of the event being converted: positions in the chunk, read when asked for. */
    private final class Fields implements EventFields {
        private final LongFunction<Object> threads;
        private final LongFunction<Object> stacks;
        private final LongFunction<Object> strings;
        private final SharedStrings shared;
        private final ChunkBytes in = new ChunkBytes(bytes, 0, bytes.length);
        /** Per field: the number, key or ticks; for a string, where it starts. */
        private final long[] raw = new long[MAX_FIELDS];
        /** Per string field: where it ends. */
        private final int[] stringEnds = new int[MAX_FIELDS];
        private byte[][] kindsByType;
        private int[] startTimeByType;
        private int[] threadByType;
        private Recent[][] recentByType;
        private byte[] kinds;
        private Recent[] recent;
        private int startTime;
        private int thread;

        Fields(LongFunction<Object> threads, LongFunction<Object> stacks, LongFunction<Object> strings,
                SharedStrings shared) {
            this.threads = threads;
            this.stacks = stacks;
            this.strings = strings;
            this.shared = shared;
        }

        void types(List<EventLayouts.Layout> layouts) {
            int n = layouts.size();
            kindsByType = new byte[n][];
            startTimeByType = new int[n];
            threadByType = new int[n];
            recentByType = new Recent[n][];
            for (int i = 0; i < n; i++) {
                EventLayouts.Decoding decoding = layouts.get(i).decoding();
                kindsByType[i] = decoding.kinds();
                startTimeByType[i] = decoding.names().indexOf("startTime");
                threadByType[i] = decoding.names().indexOf("eventThread");
                recentByType[i] = new Recent[decoding.kinds().length];
            }
        }

        /** Steps over every field of the event that starts at {@code at}, noting where each is. */
        void read(int type, int at) {
            kinds = kindsByType[type];
            recent = recentByType[type];
            startTime = startTimeByType[type];
            thread = threadByType[type];
            in.window(at, bytes.length);
            int end = at + in.varint(); // the walk checked the size
            in.window(in.position(), end);
            in.varlong(); // the type, hidden
            for (int i = 0; i < kinds.length; i++) {
                switch (kinds[i]) {
                    case EventLayouts.VARINT_FIELD -> raw[i] = in.varlong();
                    case EventLayouts.INT_FIELD -> raw[i] = (int) in.varlong();
                    case EventLayouts.SHORT_FIELD -> raw[i] = (short) in.varlong();
                    case EventLayouts.BYTE_FIELD -> raw[i] = (byte) in.u1();
                    case EventLayouts.BOOLEAN_FIELD -> raw[i] = in.u1();
                    case EventLayouts.FLOAT_FIELD -> raw[i] = (long) Float.intBitsToFloat((int) bigEndian(4));
                    case EventLayouts.DOUBLE_FIELD -> raw[i] = (long) Double.longBitsToDouble(bigEndian(8));
                    case EventLayouts.STRING_FIELD -> {
                        raw[i] = in.position();
                        in.skipString();
                        stringEnds[i] = in.position();
                    }
                    default -> throw new IllegalStateException("field kind " + kinds[i]);
                }
            }
        }

        private long bigEndian(int width) {
            long value = 0;
            for (int i = 0; i < width; i++) {
                value = (value << 8) | in.u1();
            }
            return value;
        }

        /** The event's thread was seen at its start (as JMC's events note theirs in {@link ChunkSinks}). */
        void noteThread() {
            if (thread >= 0 && startTime >= 0) {
                sightings.note(raw[thread], raw[startTime]);
            }
        }

        private boolean present(int slot) {
            return slot >= 0 && slot < kinds.length;
        }

        @Override
        public long time(int slot) {
            return present(slot) ? clock.epochNanos(raw[slot]) : 0;
        }

        @Override
        public long number(int slot, long absent) {
            return present(slot) && kinds[slot] != EventLayouts.STRING_FIELD
                    && kinds[slot] != EventLayouts.BOOLEAN_FIELD ? raw[slot] : absent;
        }

        @Override
        public boolean bool(int slot) {
            return present(slot) && kinds[slot] == EventLayouts.BOOLEAN_FIELD && raw[slot] != 0;
        }

        @Override
        public String text(int slot) {
            if (!present(slot) || kinds[slot] != EventLayouts.STRING_FIELD) {
                return null;
            }
            in.window((int) raw[slot], stringEnds[slot]);
            return in.string(strings);
        }

        @Override
        public String sharedText(int slot) {
            if (!present(slot) || kinds[slot] != EventLayouts.STRING_FIELD) {
                return null;
            }
            int from = (int) raw[slot];
            int to = stringEnds[slot];
            if (in.nullString(from)) {
                return null; // not among the recent values, which are strings: it would miss every time
            }
            Recent known = recent[slot];
            if (known == null) {
                known = new Recent();
                recent[slot] = known;
            }
            String value = known.find(in, from, to);
            if (value == null) {
                value = shared.share(text(slot));
                known.add(in.copy(from, to), value);
            }
            return value;
        }

        @Override
        public IMCThread thread(int slot) {
            return present(slot) && threads != null && threads.apply(raw[slot]) instanceof IMCThread t ? t : null;
        }

        @Override
        public IMCStackTrace stack(int slot) {
            return present(slot) && stacks != null && stacks.apply(raw[slot]) instanceof IMCStackTrace s ? s : null;
        }
    }

    /**
     * A growable column of positions, each with a small tag, in pages: a chunk holds a few hundred thousand events,
     * and one array for them all would be a humongous allocation for G1 at a small heap, copied as it grows.
     */
    private static final class Column {
        private static final int PAGE_BITS = 14;
        private static final int PAGE = 1 << PAGE_BITS;
        private int[][] positions = new int[0][];
        private byte[][] tags = new byte[0][];

        void set(int index, int position, int tag) {
            int page = index >>> PAGE_BITS;
            if (page == positions.length) {
                positions = Arrays.copyOf(positions, page + 1);
                positions[page] = new int[PAGE];
                tags = Arrays.copyOf(tags, page + 1);
                tags[page] = new byte[PAGE];
            }
            positions[page][index & (PAGE - 1)] = position;
            tags[page][index & (PAGE - 1)] = (byte) tag;
        }

        int at(int index) {
            return positions[index >>> PAGE_BITS][index & (PAGE - 1)];
        }

        int tag(int index) {
            return tags[index >>> PAGE_BITS][index & (PAGE - 1)];
        }
    }

    /**
     * A string field's last few values: their bytes as the chunk encodes them, and the strings they decode to. A field
     * such as the method or the client alternates among a few values; comparing bytes costs less than decoding and
     * hashing a string.
     */
    private static final class Recent {
        private static final int SIZE = 4;
        private final byte[][] bytes = new byte[SIZE][];
        private final String[] values = new String[SIZE];
        private int oldest;

        /** The string the bytes from {@code from} to {@code to} decode to, if they are one of the last few; else null. */
        String find(ChunkBytes in, int from, int to) {
            for (int i = 0; i < SIZE; i++) {
                byte[] b = bytes[i];
                if (b != null && b.length == to - from && in.sameBytes(from, to, b)) {
                    return values[i]; // the same encoding, even the same pool key: the same string
                }
            }
            return null;
        }

        void add(byte[] encoded, String value) {
            bytes[oldest] = encoded;
            values[oldest] = value;
            oldest = (oldest + 1) % SIZE;
        }
    }
}
