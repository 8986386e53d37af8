package dev.leakline.jfr.okhttp;

import dev.leakline.jfr.Actor;
import dev.leakline.jfr.TrackedResponse;
import java.io.IOException;
import okhttp3.MediaType;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;

/**
 * The body the application gets. Every way of reading it ({@code source()}, {@code byteStream()},
 * {@code string()}, {@code bytes()}) goes through one source that counts bytes, sees the end and sees
 * the close; closing the body or the response closes that source.
 */
final class TrackedBody extends ResponseBody {
    private final ResponseBody delegate;
    private final BufferedSource source;

    TrackedBody(ResponseBody delegate, TrackedResponse tracked) {
        this.delegate = delegate;
        this.source = Okio.buffer(new TrackedSource(delegate.source(), tracked));
    }

    @Override
    public MediaType contentType() {
        return delegate.contentType();
    }

    @Override
    public long contentLength() {
        return delegate.contentLength();
    }

    @Override
    public BufferedSource source() {
        return source;
    }

    /**
     * Records the close before OkHttp's own, because OkHttp's close may read the rest of the body and
     * release the connection: the release must come after the close.
     */
    private static final class TrackedSource extends ForwardingSource {
        private final TrackedResponse tracked;

        TrackedSource(BufferedSource delegate, TrackedResponse tracked) {
            super(delegate);
            this.tracked = tracked;
        }

        @Override
        public long read(Buffer sink, long byteCount) throws IOException {
            long n = super.read(sink, byteCount);
            if (n < 0) {
                tracked.bodyDrained(Actor.APPLICATION);
            } else {
                tracked.bodyRead(n);
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            tracked.closed(Actor.APPLICATION);
            super.close();
        }
    }
}
