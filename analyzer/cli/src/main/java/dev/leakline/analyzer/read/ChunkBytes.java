package dev.leakline.analyzer.read;

import java.nio.charset.StandardCharsets;

/**
 * A cursor over a chunk held in an array, reading JFR's compressed integers and strings. Reading past {@code end}
 * throws {@link IndexOutOfBoundsException}, so damaged bytes stop the caller instead of sending it elsewhere.
 */
final class ChunkBytes {
    /** A varint is at most 9 bytes: 8 of 7 bits and a last one of 8. */
    private static final int MAX_VARINT = 9;

    private final byte[] bytes;
    private int end;
    private int position;

    ChunkBytes(byte[] bytes, int position, int end) {
        this.bytes = bytes;
        this.position = position;
        this.end = end;
    }

    int position() {
        return position;
    }

    /** Reads from {@code from} on, no further than {@code to} (which must lie within the array). */
    void window(int from, int to) {
        position = from;
        end = to;
    }

    /** Steps over one varint without decoding it. */
    void skipVarint() {
        for (int i = 0; i < MAX_VARINT - 1; i++) {
            if ((u1() & 0x80) == 0) {
                return;
            }
        }
        u1();
    }

    int u1() {
        if (position >= end) {
            throw new IndexOutOfBoundsException("past the end of the chunk");
        }
        return bytes[position++] & 0xFF;
    }

    /** JFR's variable-length integer: 7 bits a byte, high bit set when more follow, the ninth byte whole. */
    long varlong() {
        long value = 0;
        for (int i = 0; i < MAX_VARINT - 1; i++) {
            int b = u1();
            value |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        return value | ((long) u1() << 56);
    }

    int varint() {
        return (int) varlong();
    }

    void skip(int count) {
        if (count < 0 || count > end - position) {
            throw new IndexOutOfBoundsException("past the end of the chunk");
        }
        position += count;
    }

    /** A string as the metadata writes it: an encoding byte, then the value (constant-pool references are refused). */
    String string() {
        int encoding = u1();
        switch (encoding) {
            case 0:
                return null;
            case 1:
                return "";
            case 3:
            case 5: {
                int length = length();
                String s = new String(bytes, position, length,
                        encoding == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
                position += length;
                return s;
            }
            case 4: {
                int length = length();
                char[] chars = new char[length];
                for (int i = 0; i < length; i++) {
                    chars[i] = (char) varint();
                }
                return new String(chars);
            }
            default:
                throw new IllegalArgumentException("string encoding " + encoding + " in the metadata");
        }
    }

    private int length() {
        int length = varint();
        if (length < 0 || length > end - position) {
            throw new IndexOutOfBoundsException("a string longer than the chunk");
        }
        return length;
    }

    /** Writes {@code value} over the {@code length} bytes at {@code at} as a padded varint of exactly that length. */
    static void writePadded(byte[] bytes, int at, int length, long value) {
        for (int i = 0; i < length - 1; i++) {
            bytes[at + i] = (byte) (0x80 | ((value >>> (7 * i)) & 0x7F));
        }
        bytes[at + length - 1] = (byte) ((value >>> (7 * (length - 1))) & 0x7F);
    }
}
