package dev.leakline.analyzer.read;

import java.io.DataInput;
import java.io.EOFException;

/**
 * A chunk already read into an array, as the input of JMC's {@link org.openjdk.jmc.flightrecorder.internal.parser.Chunk}
 * when that array is also the one JMC fills: JMC asks for the bytes it lacks with {@code readFully(array, from, n)}
 * into the very array they are already in, so nothing is copied. (Into any other array they are copied.)
 *
 * <p>Why: the chunk must be in memory before JMC parses it anyway (its framing is checked, and the events we do not
 * need are hidden in it, {@link UnneededEvents}); JMC reading it a second time from the file cost a copy per chunk.
 */
final class ChunkInMemory implements DataInput {
    private final byte[] chunk;
    private int position;

    ChunkInMemory(byte[] chunk) {
        this.chunk = chunk;
        this.position = Integer.BYTES; // after the magic, which the caller has checked
    }

    @Override
    public void readFully(byte[] b, int off, int len) throws EOFException {
        if (off < 0 || len < 0 || off + len > chunk.length) {
            throw new EOFException("past the end of the chunk");
        }
        if (b != chunk) {
            System.arraycopy(chunk, off, b, off, len);
        }
        position = off + len;
    }

    @Override
    public void readFully(byte[] b) throws EOFException {
        readFully(b, 0, b.length);
    }

    @Override
    public int skipBytes(int n) {
        int skipped = Math.max(0, Math.min(n, chunk.length - position));
        position += skipped;
        return skipped;
    }

    @Override
    public boolean readBoolean() throws EOFException {
        return readUnsignedByte() != 0;
    }

    @Override
    public byte readByte() throws EOFException {
        return (byte) readUnsignedByte();
    }

    @Override
    public int readUnsignedByte() throws EOFException {
        if (position >= chunk.length) {
            throw new EOFException("past the end of the chunk");
        }
        return chunk[position++] & 0xFF;
    }

    @Override
    public short readShort() throws EOFException {
        return (short) readUnsignedShort();
    }

    @Override
    public int readUnsignedShort() throws EOFException {
        return (readUnsignedByte() << 8) | readUnsignedByte();
    }

    @Override
    public char readChar() throws EOFException {
        return (char) readUnsignedShort();
    }

    @Override
    public int readInt() throws EOFException {
        return (readUnsignedShort() << 16) | readUnsignedShort();
    }

    @Override
    public long readLong() throws EOFException {
        return ((long) readInt() << 32) | (readInt() & 0xFFFFFFFFL);
    }

    @Override
    public float readFloat() throws EOFException {
        return Float.intBitsToFloat(readInt());
    }

    @Override
    public double readDouble() throws EOFException {
        return Double.longBitsToDouble(readLong());
    }

    /** Not used by JMC's chunk reading; a chunk has no lines. */
    @Override
    public String readLine() {
        throw new UnsupportedOperationException("a JFR chunk has no lines");
    }

    /** Not used by JMC's chunk reading. */
    @Override
    public String readUTF() {
        throw new UnsupportedOperationException("a JFR chunk is not read as modified UTF-8");
    }
}
