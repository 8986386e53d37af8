package dev.leakline.jfr.internal;

import dev.leakline.jfr.Actor;
import dev.leakline.jfr.TrackedResponse;
import java.io.IOException;
import java.io.InputStream;

/**
 * A response body that reports to its {@link TrackedResponse}: bytes as they are read, the end of the
 * body when a read returns -1, and {@code close()}. The delegate's own exceptions reach the caller
 * unchanged; ours never do ({@link TrackedResponse} swallows them).
 *
 * <p>Extends {@link InputStream} rather than {@code FilterInputStream} so that each byte is counted once:
 * {@code FilterInputStream.read(byte[])} calls back into {@code read(byte[], int, int)}.
 */
public final class TrackedInputStream extends InputStream {
    private final InputStream in;
    private final TrackedResponse response;

    public TrackedInputStream(InputStream in, TrackedResponse response) {
        this.in = in;
        this.response = response;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b < 0) {
            response.bodyDrained(Actor.APPLICATION);
        } else {
            response.bodyRead(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n < 0) {
            response.bodyDrained(Actor.APPLICATION);
        } else if (n > 0) {
            response.bodyRead(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = in.skip(n);
        response.bodyRead(skipped);
        return skipped;
    }

    @Override
    public int available() throws IOException {
        return in.available();
    }

    @Override
    public boolean markSupported() {
        return false; // A reset would make us count bytes twice.
    }

    @Override
    public void close() throws IOException {
        try {
            in.close();
        } finally {
            response.closed(Actor.APPLICATION);
        }
    }
}
