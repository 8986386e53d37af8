package dev.leakline.jfr.httpclient4;

import dev.leakline.jfr.Actor;
import dev.leakline.jfr.TrackedResponse;
import java.io.IOException;
import java.io.InputStream;

/**
 * A response body that reports to its {@link TrackedResponse}. Unlike the core's wrapper it records the
 * close before delegating, because closing Apache 4.5's content stream drains the body and releases the
 * connection, and the release event must follow the close.
 */
final class BodyStream extends InputStream {
    private final InputStream in;
    private final TrackedResponse tracked;

    BodyStream(InputStream in, TrackedResponse tracked) {
        this.in = in;
        this.tracked = tracked;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b < 0) {
            tracked.bodyDrained(Actor.APPLICATION);
        } else {
            tracked.bodyRead(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n < 0) {
            tracked.bodyDrained(Actor.APPLICATION);
        } else {
            tracked.bodyRead(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = in.skip(n);
        tracked.bodyRead(skipped);
        return skipped;
    }

    @Override
    public int available() throws IOException {
        return in.available();
    }

    @Override
    public void close() throws IOException {
        tracked.closed(Actor.APPLICATION);
        in.close();
    }
}
