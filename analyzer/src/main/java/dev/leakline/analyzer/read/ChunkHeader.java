package dev.leakline.analyzer.read;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;

/**
 * The fixed header at the start of every JFR chunk: magic {@code FLR\0}, major and minor version, then the chunk size
 * at offset 8, and the start time (epoch ns) and duration at offsets 32 and 40. Reading it ourselves lets us hand the
 * parser one chunk at a time and skip a damaged one instead of losing the whole file.
 */
record ChunkHeader(int major, int minor, long size, long startNanos, long durationNanos) {
    static final int LENGTH = 68;
    private static final int MAGIC = 0x464c5200; // "FLR\0"

    /** Reads the header at {@code position}, or returns null when the bytes there do not start with the magic. */
    static ChunkHeader read(RandomAccessFile file, long position) throws IOException {
        byte[] bytes = new byte[LENGTH];
        file.seek(position);
        file.readFully(bytes);
        ByteBuffer buffer = ByteBuffer.wrap(bytes); // JFR headers are big-endian, ByteBuffer's default
        if (buffer.getInt(0) != MAGIC) {
            return null;
        }
        return new ChunkHeader(buffer.getShort(4), buffer.getShort(6), buffer.getLong(8), buffer.getLong(32),
                buffer.getLong(40));
    }

    static boolean hasMagic(RandomAccessFile file) throws IOException {
        if (file.length() < 4) {
            return false;
        }
        file.seek(0);
        return file.readInt() == MAGIC;
    }
}
