package dev.leakline.jfr.httpclient5;

import dev.leakline.jfr.Actor;
import dev.leakline.jfr.Leakline;
import dev.leakline.jfr.TrackedResponse;
import dev.leakline.jfr.internal.Emitter;
import java.io.IOException;
import java.net.URISyntaxException;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.ProtocolVersion;

/**
 * The first handler of the exec chain: it runs on the thread that called {@code execute}, so the stack
 * trace of {@code leakline.ResponseOpened} shows the application's line. It sees the final response (after
 * redirects and retries, whose intermediate responses the client consumes itself) and wraps its entity.
 */
final class ResponseTracker implements ExecChainHandler {

    @Override
    public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        if (!Leakline.isRecording()) {
            return chain.proceed(request, scope);
        }
        // A context can be reused across requests: forget the previous request's lease.
        scope.clientContext.removeAttribute(Lease.ATTRIBUTE);
        ClassicHttpResponse response = chain.proceed(request, scope);
        try {
            track(request, scope, response);
        } catch (RuntimeException | LinkageError e) {
            Emitter.failed(e);
        }
        return response;
    }

    private static void track(ClassicHttpRequest request, ExecChain.Scope scope, ClassicHttpResponse response) {
        Object attribute = scope.clientContext.getAttribute(Lease.ATTRIBUTE);
        Lease lease = attribute instanceof Lease ? (Lease) attribute : null;
        HttpEntity entity = response.getEntity();
        ProtocolVersion version = response.getVersion() != null
                ? response.getVersion() : scope.clientContext.getProtocolVersion();
        // The lease's pool is the very string its ConnectionReleased will carry: a leak whose connection is
        // never released still lands in its pool.
        TrackedResponse tracked = Leakline.responseOpened(LeaklineHttpClient5.CLIENT,
                lease == null ? null : lease.pool, lease == null ? 0 : lease.connectionId(), request.getMethod(),
                uri(request), response.getCode(),
                version == null ? null : version.format(), entity == null ? -1 : entity.getContentLength());
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

    private static String uri(ClassicHttpRequest request) {
        try {
            return request.getUri().toString();
        } catch (URISyntaxException e) {
            return request.getRequestUri();
        }
    }
}
