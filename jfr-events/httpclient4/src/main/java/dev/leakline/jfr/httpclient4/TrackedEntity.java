package dev.leakline.jfr.httpclient4;

import dev.leakline.jfr.internal.CountingOutputStream;
import dev.leakline.jfr.Actor;
import dev.leakline.jfr.TrackedResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.http.HttpEntity;
import org.apache.http.entity.HttpEntityWrapper;

/**
 * The response's entity as the application gets it: its streams count bytes and see the end and the close.
 * {@code EntityUtils.consume} closes the content stream, so it is a close too.
 */
final class TrackedEntity extends HttpEntityWrapper {
    private final TrackedResponse tracked;

    TrackedEntity(HttpEntity entity, TrackedResponse tracked) {
        super(entity);
        this.tracked = tracked;
    }

    @Override
    public InputStream getContent() throws IOException {
        InputStream content = super.getContent();
        return content == null ? null : new BodyStream(content, tracked);
    }

    @Override
    public void writeTo(OutputStream outStream) throws IOException {
        // The client copies the whole body for the application: drained by the application's call.
        super.writeTo(outStream == null ? null : new CountingOutputStream(outStream, tracked));
        tracked.bodyDrained(Actor.APPLICATION);
    }

    /** The deprecated way to give the connection back; the application's, before the client's release. */
    @Deprecated
    @Override
    public void consumeContent() throws IOException {
        tracked.closed(Actor.APPLICATION);
        super.consumeContent();
    }
}
