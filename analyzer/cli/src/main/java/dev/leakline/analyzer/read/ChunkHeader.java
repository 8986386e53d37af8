package dev.leakline.analyzer.read;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;

/**
 * The fixed header at the start of every JFR chunk: magic {@code FLR\0}, major and minor version, then the chunk size
 * at offset 8, and the start time (epoch ns) and duration at offsets 32 and 40. Reading it ourselves lets us hand the
 * parser one chunk at a time and skip a damaged one instead of losing the whole file.
 */
record ChunkHeader(int major, int minor, long size, long startNanos, long durationNanos, long constantPoolOffset,
        long metadataOffset, int features, long startTicks, long ticksPerSecond) {
    static final int LENGTH = 68;
    private static final int MAGIC = 0x464c5200; // "FLR\0"

    /** Reads the header at {@code position}, or returns null when the bytes there do not start with the magic. */
    static ChunkHeader read(RandomAccessFile file, long position) throws IOException {
        byte[] bytes = new byte[LENGTH];
        file.seek(position);
        file.readFully(bytes);
        return of(bytes);
    }

    /** Reads the header at the start of {@code bytes}, or returns null when they do not start with the magic. */
    static ChunkHeader of(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes); // JFR headers are big-endian, ByteBuffer's default
        if (buffer.getInt(0) != MAGIC) {
            return null;
        }
        return new ChunkHeader(buffer.getShort(4), buffer.getShort(6), buffer.getLong(8), buffer.getLong(32),
                buffer.getLong(40), buffer.getLong(16), buffer.getLong(24), buffer.getInt(64), buffer.getLong(48),
                buffer.getLong(56));
    }

    /**
     * When the JVM's tick counter read zero, in epoch nanoseconds: the chunk's start minus its start in ticks. JFR's
     * ticks count from the JVM's start, so every chunk of one JVM gives the same origin (to a microsecond in the
     * recordings under {@code recordings/}, JDK 17 and 25), whatever recording or file it is in; two JVMs give two.
     * Returns {@link Long#MIN_VALUE} when the header cannot tell (no tick rate).
     */
    long clockOriginNanos() {
        if (ticksPerSecond <= 0 || startTicks < 0) {
            return Long.MIN_VALUE;
        }
        double tickNanos = 1e9 / ticksPerSecond;
        return startNanos - (long) (startTicks * tickNanos);
    }

    /** Whether the chunk writes its integers in the variable-length (LEB128-like) encoding, as every JDK 11+ does. */
    boolean compressedIntegers() {
        return (features & 1) != 0;
    }

    /**
     * Why this chunk's format cannot be read, or null for format 2.x (JDK 11 and later). Older formats cannot hold
     * Leakline events (the library needs Java 11), so they are refused by name rather than misread.
     */
    String unsupportedFormat() {
        String format = "JFR format " + major + "." + minor;
        if (major == 2) {
            return null;
        }
        if (major == 0) {
            return format + " (JDK 7 or 8) is not supported; Leakline reads recordings from JDK 11 and later (format 2.x)";
        }
        if (major == 1) {
            return format + " (JDK 9 or 10) is not supported; Leakline reads recordings from JDK 11 and later"
                    + " (format 2.x)";
        }
        return format + " is not supported; Leakline reads format 2.x (JDK 11 and later), a newer format needs a newer"
                + " Leakline";
    }

    static boolean hasMagic(RandomAccessFile file) throws IOException {
        if (file.length() < 4) {
            return false;
        }
        file.seek(0);
        return file.readInt() == MAGIC;
    }
}
