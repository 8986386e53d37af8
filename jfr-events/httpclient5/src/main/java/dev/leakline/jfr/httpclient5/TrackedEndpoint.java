package dev.leakline.jfr.httpclient5;

import dev.leakline.jfr.Leakline;
import dev.leakline.jfr.ReleaseOutcome;
import dev.leakline.jfr.internal.Emitter;
import java.io.IOException;
import org.apache.hc.client5.http.EndpointInfo;
import org.apache.hc.client5.http.io.ConnectionEndpoint;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.EndpointDetails;
import org.apache.hc.core5.http.HttpConnection;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.impl.io.HttpRequestExecutor;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.http.protocol.HttpCoreContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Identifiable;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * One lease of a connection, as the execution runtime sees it. Delegates everything; on {@code execute} it
 * learns which connection carries the exchange (Apache passes the connection to the request executor) and
 * publishes its {@link Lease} in the context for {@link ResponseTracker}.
 *
 * <p>Holds the connection only while leased: the runtime drops this endpoint when it releases it.
 */
final class TrackedEndpoint extends ConnectionEndpoint {
    final ConnectionEndpoint delegate;
    final Lease lease;
    private volatile HttpConnection connection;

    TrackedEndpoint(ConnectionEndpoint delegate, Lease lease) {
        this.delegate = delegate;
        this.lease = lease;
    }

    @Override
    public ClassicHttpResponse execute(String id, ClassicHttpRequest request, RequestExecutor requestExecutor,
            HttpContext context) throws IOException, HttpException {
        context.setAttribute(Lease.ATTRIBUTE, lease);
        return delegate.execute(id, request, (r, conn, c) -> {
            seen(conn);
            return requestExecutor.execute(r, conn, c);
        }, context);
    }

    /** The pre-5.4 path: the connection is not handed out, so its id comes from the socket addresses. */
    @Deprecated
    @Override
    public ClassicHttpResponse execute(String id, ClassicHttpRequest request, HttpRequestExecutor executor,
            HttpContext context) throws IOException, HttpException {
        context.setAttribute(Lease.ATTRIBUTE, lease);
        ClassicHttpResponse response = delegate.execute(id, request, executor, context);
        try {
            // The attribute's name, not HttpCoreContext's accessors: those differ between releases.
            Object details = context.getAttribute(HttpCoreContext.CONNECTION_ENDPOINT);
            if (details instanceof EndpointDetails && lease.connectionId() == 0) {
                EndpointDetails endpoint = (EndpointDetails) details;
                lease.connection(Leakline.connectionId(endpoint.getLocalAddress(), endpoint.getRemoteAddress()));
            }
        } catch (RuntimeException | LinkageError e) {
            Emitter.failed(e);
        }
        return response;
    }

    private void seen(HttpConnection conn) {
        if (conn == null) {
            return;
        }
        try {
            connection = conn;
            lease.connection(conn instanceof Identifiable
                    ? Leakline.connectionId(((Identifiable) conn).getId())
                    : Leakline.connectionId(conn.getLocalAddress(), conn.getRemoteAddress()));
        } catch (RuntimeException | LinkageError e) {
            Emitter.failed(e);
        }
    }

    /**
     * What the delegate just did with the connection: still open after the release means it went back to
     * the pool. Without the connection (pre-5.4, or never used), judged from the release's arguments.
     */
    ReleaseOutcome outcomeAfterRelease(TimeValue validDuration) {
        HttpConnection conn = connection;
        connection = null;
        if (conn != null) {
            return conn.isOpen() ? ReleaseOutcome.POOLED : ReleaseOutcome.CLOSED;
        }
        return validDuration != null && TimeValue.isPositive(validDuration)
                ? ReleaseOutcome.POOLED : ReleaseOutcome.CLOSED;
    }

    @Override
    public boolean isConnected() {
        return delegate.isConnected();
    }

    @Override
    public void setSocketTimeout(Timeout timeout) {
        delegate.setSocketTimeout(timeout);
    }

    @Override
    public EndpointInfo getInfo() {
        return delegate.getInfo();
    }

    @Override
    public void close(CloseMode closeMode) {
        delegate.close(closeMode);
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
