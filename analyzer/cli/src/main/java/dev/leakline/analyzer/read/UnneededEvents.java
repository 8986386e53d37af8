package dev.leakline.analyzer.read;

import java.nio.ByteBuffer;
import java.util.function.Predicate;

/**
 * Hides from JMC's parser the events of one chunk that the analyzer does not need, before it parses the chunk.
 *
 * <p>Why: JMC decodes every field of every event before a sink sees it, and in a production recording most events are
 * the JDK's ({@code jdk.ThreadPark}, socket and file I/O, samples), which the analyzer only looks at for the thread that
 * wrote them. Every JFR event starts with its size and its type id, and JMC's chunk loader (9.1) walks the events by
 * their sizes, stepping over those of type 0 (the metadata, which it reads from the header's offset) and 1 (constant
 * pools, read by their own chain). So each unneeded event's type id is overwritten in the chunk's array with 0, in the
 * same number of bytes: offsets, sizes and constant pools are untouched, and JMC skips the event unread.
 *
 * <p>What the analyzer took from those events, the latest time each thread was seen ({@code ThreadSeen}), is read
 * here from the event's first fields, which JFR writes in a fixed order ({@code startTime}, {@code duration},
 * {@code eventThread}): the thread as its constant-pool key, the time in ticks. A type whose thread cannot be read
 * that way is left for JMC.
 *
 * <p>Nothing here may change a result: when the chunk's integers are not compressed, or its metadata cannot be read,
 * nothing is hidden; an event whose framing is damaged ends the walk and the rest is JMC's, as before.
 */
final class UnneededEvents {
    /** Turns hiding off ({@code -Dleakline.hideUnneededEvents=false}), to compare or to rule it out. */
    static final String PROPERTY = "leakline.hideUnneededEvents";
    private static final int HEADER = ChunkHeader.LENGTH;
    /**
     * The type id a hidden event is given: the metadata event's. JMC reads the metadata from the offset in the chunk's
     * header and its event walk steps over every event of this type (and of the constant pools'), whatever it holds.
     * An id no type declares would do too, but in a JDK chunk every one-byte id above 1 is an event type's.
     */
    private static final long METADATA_TYPE = 0;

    private UnneededEvents() {
    }

    static boolean enabled() {
        return !"false".equals(System.getProperty(PROPERTY));
    }

    /**
     * Hides the events of types {@code needed} rejects in the chunk held in {@code bytes[0, size)}, and returns what
     * they said about threads. Never throws: what cannot be read is left as it is.
     */
    static ThreadSightings hide(byte[] bytes, int size, Predicate<String> needed) {
        ByteBuffer header = ByteBuffer.wrap(bytes, 0, HEADER);
        if (size < HEADER || (header.getInt(64) & 1) == 0) {
            return ThreadSightings.NONE;
        }
        long metadataOffset = header.getLong(24);
        ThreadSightings sightings = new ThreadSightings(header.getLong(32), header.getLong(48), header.getLong(56));
        EventLayouts layouts;
        try {
            if (metadataOffset < HEADER || metadataOffset >= size) {
                return ThreadSightings.NONE;
            }
            layouts = EventLayouts.read(bytes, (int) metadataOffset, size);
        } catch (RuntimeException damagedOrUnknown) {
            return ThreadSightings.NONE;
        }
        ChunkBytes in = new ChunkBytes(bytes, HEADER, size);
        int index = HEADER;
        try {
            while (index < size) {
                in.seek(index);
                int eventSize = in.varint();
                if (eventSize < 2 || eventSize > size - index) {
                    break; // damaged framing: JMC meets it as before
                }
                int typeAt = in.position();
                long type = in.varlong();
                int typeWidth = in.position() - typeAt;
                EventLayouts.Layout layout = layouts.of(type);
                if (layout != null && !needed.test(layout.name()) && (layout.threadAt() < 0 || layout.readable())) {
                    if (layout.threadAt() >= 0) {
                        noteThread(bytes, in, index + eventSize, layout, sightings);
                    }
                    ChunkBytes.writePadded(bytes, typeAt, typeWidth, METADATA_TYPE);
                    sightings.hidden++;
                }
                index += eventSize;
            }
        } catch (RuntimeException damaged) {
            // an event's size or type runs past the chunk: the walk ends, JMC reads the rest as it did
        }
        return sightings;
    }

    /** Reads the event's start and thread; an event too short for them (damaged) notes nothing. */
    private static void noteThread(byte[] bytes, ChunkBytes in, int eventEnd, EventLayouts.Layout layout,
            ThreadSightings sightings) {
        ChunkBytes event = new ChunkBytes(bytes, in.position(), eventEnd);
        try {
            long ticks = 0;
            int[] widths = layout.widths();
            for (int i = 0; i < widths.length; i++) {
                if (widths[i] == 0) {
                    long value = event.varlong();
                    if (i == 0) {
                        ticks = value;
                    }
                } else {
                    event.skip(widths[i]);
                }
            }
            sightings.note(event.varlong(), ticks);
        } catch (RuntimeException tooShort) {
            // JMC would have failed on it too; the thread is not noted
        }
    }
}
