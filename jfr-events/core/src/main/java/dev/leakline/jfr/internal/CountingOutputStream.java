package dev.leakline.jfr.internal;

import dev.leakline.jfr.TrackedResponse;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Counts the body bytes a client copies into an output stream (Apache's {@code HttpEntity.writeTo}, 4.5 and 5.x),
 * for {@code bytesRead}. Not API: shared by the Apache adapters.
 */
public final class CountingOutputStream extends FilterOutputStream {
    private final TrackedResponse tracked;

    /** Counts what goes through to {@code out} on {@code tracked}. */
    public CountingOutputStream(OutputStream out, TrackedResponse tracked) {
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
