package dev.leakline.jfr.httpclient4;

import dev.leakline.jfr.TrackedResponse;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Counts the body bytes {@code HttpEntity.writeTo} copies, for {@code bytesRead}. */
final class CountingOutputStream extends FilterOutputStream {
    private final TrackedResponse tracked;

    CountingOutputStream(OutputStream out, TrackedResponse tracked) {
        super(out);
        this.tracked = tracked;
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        tracked.bodyRead(1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        tracked.bodyRead(len);
    }
}
