package dev.leakline.analyzer.robust;

import java.util.Arrays;

/**
 * One way to damage a recording, applied to a copy of its bytes. Described by its parameters (not its bytes) so a
 * suite of thousands of cases holds only the source files in memory, and so a failing case names itself.
 *
 * @param kind   what is done
 * @param offset where
 * @param length how many bytes (ranges), or unused
 * @param value  the xor mask (flip), fill byte, or new long (size field)
 */
record Corruption(Kind kind, long offset, int length, long value) {
    /** The kinds of damage a copy or a disk can do. */
    enum Kind {
        /** The file ends at {@code offset}, exactly where a chunk ends: a shorter but whole recording. */
        CUT_AT_BOUNDARY,
        /** The file ends at {@code offset}, inside a chunk (the JVM died, the disk filled, the copy broke). */
        CUT,
        /** One byte xor {@code value}. */
        FLIP,
        /** {@code length} bytes from {@code offset} set to {@code value} (a zeroed or erased block). */
        FILL,
        /** {@code length} bytes from {@code offset} replaced by pseudo-random bytes seeded with {@code value}. */
        SCRAMBLE,
        /** The 8-byte big-endian field at {@code offset} (a chunk header field) set to {@code value}. */
        SET_LONG
    }

    /** Whether the result is a whole recording (no warning expected). */
    boolean keepsWholeChunks() {
        return kind == Kind.CUT_AT_BOUNDARY;
    }

    /** Whether the result is shorter than the source and ends inside a chunk (a warning is expected). */
    boolean cutsInsideChunk() {
        return kind == Kind.CUT;
    }

    byte[] apply(byte[] source) {
        switch (kind) {
            case CUT_AT_BOUNDARY:
            case CUT:
                return Arrays.copyOf(source, (int) offset);
            case FLIP: {
                byte[] copy = source.clone();
                copy[(int) offset] ^= (byte) value;
                return copy;
            }
            case FILL: {
                byte[] copy = source.clone();
                Arrays.fill(copy, (int) offset, (int) Math.min(copy.length, offset + length), (byte) value);
                return copy;
            }
            case SCRAMBLE: {
                byte[] copy = source.clone();
                java.util.SplittableRandom random = new java.util.SplittableRandom(value);
                int end = (int) Math.min(copy.length, offset + length);
                for (int i = (int) offset; i < end; i++) {
                    copy[i] = (byte) random.nextInt(256);
                }
                return copy;
            }
            case SET_LONG: {
                byte[] copy = source.clone();
                java.nio.ByteBuffer.wrap(copy).putLong((int) offset, value);
                return copy;
            }
            default:
                throw new IllegalStateException(kind.toString());
        }
    }

    @Override
    public String toString() {
        String base = kind.name().toLowerCase(java.util.Locale.ROOT) + "@" + offset;
        switch (kind) {
            case FLIP: return base + "^0x" + Long.toHexString(value & 0xff);
            case FILL: return base + "+" + length + "=0x" + Long.toHexString(value & 0xff);
            case SCRAMBLE: return base + "+" + length + "#" + value;
            case SET_LONG: return base + "=" + value;
            default: return base;
        }
    }
}
