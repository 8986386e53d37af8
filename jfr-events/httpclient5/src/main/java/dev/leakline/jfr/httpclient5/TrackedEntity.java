package dev.leakline.jfr.httpclient5;

import dev.leakline.jfr.internal.CountingOutputStream;
import dev.leakline.jfr.Actor;
import dev.leakline.jfr.TrackedResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.HttpEntityWrapper;

/**
 * The response's entity as the application gets it: its streams count bytes and see the end and the
 * close; closing the entity itself (as {@code CloseableHttpResponse.close()} does) is a close too.
 * The close is recorded before the client's own close runs, because in 5.2 and later that close drains
 * the rest of the body and releases the connection: the release must come after.
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
        return content == null ? null : new BodyStream(content, tracked, getContentLength());
    }

    @Override
    public void writeTo(OutputStream outStream) throws IOException {
        // The client copies the whole body for the application: drained by the application's call.
        super.writeTo(outStream == null ? null : new CountingOutputStream(outStream, tracked));
        tracked.bodyDrained(Actor.APPLICATION);
    }

    @Override
    public void close() throws IOException {
        tracked.closed(Actor.APPLICATION);
        super.close();
    }
}
