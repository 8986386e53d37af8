package dev.leakline.jfr.httpclient4;

import dev.leakline.jfr.Actor;
import dev.leakline.jfr.Leakline;
import dev.leakline.jfr.TrackedResponse;
import dev.leakline.jfr.internal.Emitter;
import java.net.URI;
import org.apache.http.HttpEntity;
import org.apache.http.HttpHost;
import org.apache.http.HttpRequest;
import org.apache.http.HttpResponse;
import org.apache.http.HttpResponseInterceptor;
import org.apache.http.StatusLine;
import org.apache.http.client.methods.HttpUriRequest;
import org.apache.http.protocol.HttpContext;
import org.apache.http.protocol.HttpCoreContext;

/**
 * A response interceptor: HttpClient 4.5 runs it on the thread that called {@code execute}, right after the
 * response head arrived, so the stack trace of {@code leakline.ResponseOpened} shows the application's line.
 * It finds the connection's {@link Lease} through the context's connection and wraps the response's entity.
 *
 * <p>4.5 runs response interceptors for every hop: an intermediate response of a redirect or a
 * service-unavailable retry, which the client reads and releases itself, is recorded too (drained, pooled).
 */
final class ResponseTracker implements HttpResponseInterceptor {
    static final ResponseTracker INSTANCE = new ResponseTracker();

    private ResponseTracker() {
    }

    @Override
    public void process(HttpResponse response, HttpContext context) {
        if (Leakline.isRecording()) {
            track(response, context, Apache4Tracking.leases());
        }
    }

    static void track(HttpResponse response, HttpContext context, Leases leases) {
        try {
            trackUnguarded(response, context, leases);
        } catch (RuntimeException | LinkageError e) {
            Emitter.failed(e);
        }
    }

    private static void trackUnguarded(HttpResponse response, HttpContext context, Leases leases) {
        Lease lease = leases.get(context.getAttribute(HttpCoreContext.HTTP_CONNECTION));
        HttpEntity entity = response.getEntity();
        StatusLine status = response.getStatusLine();
        Object request = context.getAttribute(HttpCoreContext.HTTP_REQUEST);
        Object target = context.getAttribute(HttpCoreContext.HTTP_TARGET_HOST);
        // The lease's pool is the very string its ConnectionReleased will carry: a leak whose connection is
        // never released still lands in its pool.
        TrackedResponse tracked = Leakline.responseOpened(LeaklineHttpClient4.CLIENT,
                lease == null ? null : lease.pool, lease == null ? 0 : lease.connectionId,
                request instanceof HttpRequest ? ((HttpRequest) request).getRequestLine().getMethod() : null,
                uri(request, target instanceof HttpHost ? (HttpHost) target : null),
                status == null ? 0 : status.getStatusCode(),
                status == null || status.getProtocolVersion() == null ? null : status.getProtocolVersion().toString(),
                entity == null ? -1 : entity.getContentLength());
        if (entity == null || !entity.isStreaming()) {
            // Nothing the application could leave open: the client already released the connection.
            tracked.bodyDrained(Actor.LIBRARY);
            tracked.closed(Actor.LIBRARY);
            return;
        }
        if (lease != null) {
            lease.response(tracked);
        }
        response.setEntity(new TrackedEntity(entity, tracked));
    }

    /** The request's absolute URI: 4.5 rewrites it relative to the target before it is sent. */
    private static String uri(Object request, HttpHost target) {
        String uri;
        if (request instanceof HttpUriRequest) {
            URI u = ((HttpUriRequest) request).getURI();
            uri = u == null ? null : u.toString();
        } else if (request instanceof HttpRequest) {
            uri = ((HttpRequest) request).getRequestLine().getUri();
        } else {
            return null;
        }
        if (uri != null && uri.startsWith("/") && target != null) {
            return target.toURI() + uri;
        }
        return uri;
    }
}
