package dev.leakline.jfr.httpclient5;

import dev.leakline.jfr.Actor;
import dev.leakline.jfr.TrackedResponse;
import java.io.IOException;
import java.io.InputStream;

/**
 * A response body that reports to its {@link TrackedResponse}. Unlike the core's wrapper it records the
 * close before delegating, because Apache's close drains the body and releases the connection, and the
 * release event must follow the close.
 *
 * <p>A body with a Content-Length is drained once that many bytes are read, even if the application never
 * reads the end of the stream: {@code readNBytes(length)} (Spring's string and byte-array converters) stops
 * there, and the close that follows is then a finished response, not an unread one.
 */
final class BodyStream extends InputStream {
    private final InputStream in;
    private final TrackedResponse tracked;
    private final long contentLength;
    private long read;

    /** @param contentLength the entity's Content-Length, or a negative number when unknown */
    BodyStream(InputStream in, TrackedResponse tracked, long contentLength) {
        this.in = in;
        this.tracked = tracked;
        this.contentLength = contentLength;
    }

    private void counted(long n) {
        tracked.bodyRead(n);
        read += n;
        if (contentLength >= 0 && read >= contentLength) {
            tracked.bodyDrained(Actor.APPLICATION);
        }
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b < 0) {
            tracked.bodyDrained(Actor.APPLICATION);
        } else {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n < 0) {
            tracked.bodyDrained(Actor.APPLICATION);
        } else if (n > 0) {
            counted(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = in.skip(n);
        if (skipped > 0) {
            counted(skipped);
        }
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
