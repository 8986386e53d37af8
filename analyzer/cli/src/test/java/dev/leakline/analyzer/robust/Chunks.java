package dev.leakline.analyzer.robust;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the chunks of a JFR file start, read from the chunk headers (magic {@code FLR\0}, size at byte 8), so the
 * suite can cut at every chunk boundary and aim at headers. Independent of the analyzer's own header reader on
 * purpose: the suite must not share the code it tests.
 */
final class Chunks {
    static final int HEADER = 68;
    private static final int MAGIC = 0x464c5200;

    private Chunks() {
    }

    /** Offsets of each chunk start, then the file length. Stops at the first offset that is not a chunk. */
    static List<Long> boundaries(byte[] file) {
        List<Long> offsets = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.wrap(file);
        long position = 0;
        while (position + HEADER <= file.length && buffer.getInt((int) position) == MAGIC) {
            offsets.add(position);
            long size = buffer.getLong((int) position + 8);
            if (size < HEADER || position + size > file.length) {
                break;
            }
            position += size;
        }
        offsets.add((long) file.length);
        return offsets;
    }

    /** How many whole chunks the file holds. */
    static int count(byte[] file) {
        List<Long> b = boundaries(file);
        return b.size() - 1;
    }
}
