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
                if (ascii(length)) { // JFR writes event strings as chars, one byte each when below 128
                    String s = new String(bytes, position, length, StandardCharsets.ISO_8859_1);
                    position += length;
                    return s;
                }
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

    /** Steps over a string as events write it (any encoding, a constant-pool reference included). */
    void skipString() {
        int encoding = u1();
        switch (encoding) {
            case 0, 1 -> {
            }
            case 2 -> skipVarint();
            case 3, 5 -> skip(length());
            case 4 -> skipChars(length());
            default -> throw new IllegalArgumentException("string encoding " + encoding);
        }
    }

    /** Reads a string as events write it; a constant-pool reference is looked up in {@code pool} (null: none). */
    String string(java.util.function.LongFunction<Object> pool) {
        if (position < end && bytes[position] == 2) {
            position++;
            long key = varlong();
            Object value = pool == null ? null : pool.apply(key);
            return value == null ? null : value.toString();
        }
        return string();
    }

    /** Steps over {@code count} chars written as varints (a string of encoding 4), in one loop over the bytes. */
    private void skipChars(int count) {
        if (ascii(count)) {
            position += count;
            return;
        }
        int at = position;
        int limit = end;
        for (int i = 0; i < count; i++) {
            int width = 0;
            while (true) {
                if (at >= limit) {
                    throw new IndexOutOfBoundsException("past the end of the chunk");
                }
                width++;
                if ((bytes[at++] & 0x80) == 0 || width == MAX_VARINT) {
                    break;
                }
            }
        }
        position = at;
    }

    /** Whether the next {@code count} bytes are all below 128 (then each is one char of a string of encoding 4). */
    private boolean ascii(int count) {
        if (count > end - position) {
            return false;
        }
        int i = position;
        int last = position + count;
        for (; i + Long.BYTES <= last; i += Long.BYTES) { // eight bytes at a time: most strings are plain ASCII
            if (((long) LONGS.get(bytes, i) & 0x8080808080808080L) != 0) {
                return false;
            }
        }
        for (; i < last; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private static final java.lang.invoke.VarHandle LONGS = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /** Whether the bytes from {@code from} to {@code to} equal {@code other} (for a value read before). */
    boolean sameBytes(int from, int to, byte[] other) {
        return java.util.Arrays.equals(bytes, from, to, other, 0, other.length);
    }

    /** Whether the string written at {@code at} is null (its encoding byte is 0). */
    boolean nullString(int at) {
        return bytes[at] == 0;
    }

    /** A copy of the bytes from {@code from} to {@code to}. */
    byte[] copy(int from, int to) {
        return java.util.Arrays.copyOfRange(bytes, from, to);
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
