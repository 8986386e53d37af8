package dev.leakline.analyzer.read;

import java.util.HashSet;
import java.util.Set;

/**
 * Checks the framing of one chunk before JMC parses it: the chain of constant pools and the sizes of the events.
 *
 * <p>Why: JMC's chunk loader (9.1) walks the events by their sizes to the end of the chunk, rejecting only a size of
 * 0, so a damaged negative size sends it backwards, and with the bytes there it can loop forever (logging "Event type
 * with id -1 was not declared" each time). It also follows the constant-pool chain until a delta of zero, which a
 * damaged delta can turn into a loop. Walking the same path here, with those checks, costs one pass over the chunk's
 * event headers in memory and turns such a chunk into a skipped one.
 */
final class ChunkFraming {
    /** A varint is at most 9 bytes: 8 of 7 bits and a last one of 8. */
    private static final int MAX_VARINT = 9;
    private static final long CONSTANT_POOL_TYPE = 1;

    private final byte[] chunk;
    private final int chunkSize;
    private final boolean compressed;

    private ChunkFraming(byte[] chunk, ChunkHeader header) {
        this.chunk = chunk;
        this.chunkSize = (int) header.size();
        this.compressed = header.compressedIntegers();
    }

    /**
     * Returns null when the metadata's offset and the chain of constant pools in {@code chunk[0, header.size())} are
     * framed the way JMC's loader follows them, else a one-line reason (without the chunk's name).
     */
    static String checkPools(byte[] chunk, ChunkHeader header) {
        if (header.metadataOffset() < ChunkHeader.LENGTH || header.metadataOffset() >= header.size()) {
            return "its metadata offset " + header.metadataOffset() + " lies outside the chunk";
        }
        return new ChunkFraming(chunk, header).checkConstantPools(header.constantPoolOffset());
    }

    /**
     * Likewise for the sizes of the events, walked as JMC's loader walks them. A walk of {@link UnneededEvents} that
     * reached the chunk's end has made the same checks.
     */
    static String checkEvents(byte[] chunk, ChunkHeader header) {
        return new ChunkFraming(chunk, header).checkEvents();
    }

    /** Follows the constant-pool chain as JMC does (offsets relative to the chunk, a delta of 0 ends it). */
    private String checkConstantPools(long delta) {
        Set<Long> visited = new HashSet<>();
        long offset = 0;
        while (delta != 0) {
            offset += delta;
            if (offset < ChunkHeader.LENGTH || offset >= chunkSize) {
                return "a constant pool offset (" + offset + ") lies outside the chunk";
            }
            if (!visited.add(offset)) {
                return "its constant pools link in a loop (at byte " + offset + ")";
            }
            long[] at = {offset};
            readLong(at); // size: JMC reads it as a long here
            if (readLong(at) != CONSTANT_POOL_TYPE) {
                return "no constant pool at byte " + offset + " where the chunk says one is";
            }
            readLong(at); // start
            readLong(at); // duration
            delta = readLong(at);
        }
        return null;
    }

    /** Walks the events from the end of the header to the end of the chunk, as JMC's loader does. */
    private String checkEvents() {
        int index = ChunkHeader.LENGTH;
        long[] at = new long[1];
        while (index < chunkSize) {
            int size;
            int b = chunk[index];
            if (compressed && b >= 0) {
                size = b; // most events are smaller than 128 bytes: a one-byte size
            } else {
                at[0] = index;
                size = readInt(at);
            }
            // An event holds at least its size and its type; a smaller size would not move the walk forward.
            if (size < 2 || size > chunkSize - index) {
                return "an event at byte " + index + " has an impossible size (" + size + ")";
            }
            index += size;
        }
        return null;
    }

    private int readInt(long[] at) {
        if (compressed) {
            return (int) readVarint(at);
        }
        long value = 0;
        for (int i = 0; i < Integer.BYTES; i++) {
            value = (value << 8) | byteAt(at[0]++);
        }
        return (int) value;
    }

    private long readLong(long[] at) {
        if (compressed) {
            return readVarint(at);
        }
        long value = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            value = (value << 8) | byteAt(at[0]++);
        }
        return value;
    }

    /** JFR's variable-length integer: 7 bits a byte, high bit set when more follow, the ninth byte whole. */
    private long readVarint(long[] at) {
        long value = 0;
        for (int i = 0; i < MAX_VARINT - 1; i++) {
            int b = byteAt(at[0]++);
            value += (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        return value + ((long) byteAt(at[0]++) << 56);
    }

    /** The byte at a chunk-relative offset; 0 past the chunk's end (the walk then fails on its bounds). */
    private int byteAt(long offset) {
        return offset < 0 || offset >= chunkSize ? 0 : chunk[(int) offset] & 0xFF;
    }
}
