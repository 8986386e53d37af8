package dev.leakline.analyzer.read;

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
 * nothing is hidden; an event whose framing is damaged ends the walk and the rest is JMC's, as before. A walk that
 * reaches the chunk's end has checked the events' framing as {@link ChunkFraming} does ({@link Hidden#framed()}).
 */
final class UnneededEvents {
    /** Turns hiding off ({@code -Dleakline.hideUnneededEvents=false}), to compare or to rule it out. */
    static final String PROPERTY = "leakline.hideUnneededEvents";
    private static final int HEADER = ChunkHeader.LENGTH;
    /**
     * The type id a hidden event is given: the metadata event's ({@link EventLayouts#METADATA_TYPE}). JMC reads the
     * metadata from the offset in the chunk's header and its event walk steps over every event of this type (and of
     * the constant pools'), whatever it holds. An id no type declares would do too, but in a JDK chunk every one-byte
     * id above 1 is an event type's.
     */
    private static final long HIDDEN_TYPE = EventLayouts.METADATA_TYPE;

    private UnneededEvents() {
    }

    static boolean enabled() {
        return !"false".equals(System.getProperty(PROPERTY));
    }

    /**
     * Hides the events of types {@code needed} rejects in the chunk held in {@code bytes} (its framing checked by
     * {@link ChunkFraming}), and returns what they said about threads. Never throws: what cannot be read is left as
     * it is.
     */
    static ThreadSightings hide(byte[] bytes, ChunkHeader header, Predicate<String> needed) {
        return hide(bytes, header, needed, type -> false).sightings();
    }

    /**
     * What one chunk's walk hid from JMC: what the unneeded events said about threads, and the events the analyzer
     * decodes itself.
     */
    record Hidden(ThreadSightings sightings, DirectEvents direct, boolean framed) {
        static final Hidden NONE = new Hidden(ThreadSightings.NONE, DirectEvents.NONE, false);
    }

    /**
     * As above, and hides as well the events of the types {@code decodable} accepts and whose every field can be
     * decoded here ({@link EventLayouts.Layout#decoding()}), noting where they are for {@link DirectEvents}.
     */
    static Hidden hide(byte[] bytes, ChunkHeader header, Predicate<String> needed, Predicate<String> decodable) {
        if (!header.compressedIntegers()) {
            return Hidden.NONE;
        }
        int size = (int) header.size();
        EventLayouts layouts;
        try {
            layouts = EventLayouts.read(bytes, (int) header.metadataOffset(), size, needed, decodable);
        } catch (RuntimeException damagedOrUnknown) {
            return Hidden.NONE;
        }
        ThreadSightings sightings = new ThreadSightings(ChunkClock.of(header));
        DirectEvents direct = new DirectEvents(bytes, sightings);
        ChunkBytes in = new ChunkBytes(bytes, HEADER, size);
        int index = HEADER;
        long lastType = -1;
        EventLayouts.Layout layout = null;
        boolean hide = false;
        boolean ours = false;
        try {
            while (index < size) {
                in.window(index, size);
                int eventSize = in.varint();
                if (eventSize < 2 || eventSize > size - index) {
                    break; // damaged framing: JMC meets it as before
                }
                in.window(in.position(), index + eventSize); // no read below leaves the event
                int typeAt = in.position();
                long type = in.varlong();
                int typeWidth = in.position() - typeAt;
                if (type != lastType) {
                    lastType = type;
                    layout = layouts.of(type);
                    hide = layout != null && layout.hidden();
                    ours = layout != null && layout.decoding() != null;
                }
                if (ours && direct.addOurs(index, layout)) {
                    ChunkBytes.writePadded(bytes, typeAt, typeWidth, HIDDEN_TYPE);
                } else if (hide && !ours) {
                    if (layout.threadAt() >= 0) {
                        noteThread(in, layout.widths(), sightings);
                    }
                    ChunkBytes.writePadded(bytes, typeAt, typeWidth, HIDDEN_TYPE);
                    sightings.hidden++;
                } else if (layout != null) {
                    direct.addVisible(index); // JMC hands it over
                }
                index += eventSize;
            }
        } catch (RuntimeException damaged) {
            // a size, type or field runs past its event or the chunk: the walk ends there (what it hid is hidden
            // whole, with its thread noted), and JMC reads the rest as it did
        }
        return new Hidden(sightings, direct, index == size);
    }

    /**
     * Reads the event's start and thread from its first fields ({@code widths}: 0 for a varint, else bytes), the
     * start being the first; throws when the event is too short for them (damaged).
     */
    private static void noteThread(ChunkBytes in, int[] widths, ThreadSightings sightings) {
        long ticks = in.varlong();
        for (int i = 1; i < widths.length; i++) {
            if (widths[i] == 0) {
                in.skipVarint();
            } else {
                in.skip(widths[i]);
            }
        }
        sightings.note(in.varlong(), ticks);
    }
}
