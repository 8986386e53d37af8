package dev.leakline.jfr.httpclient5;

import dev.leakline.jfr.Leakline;
import dev.leakline.jfr.internal.Emitter;
import java.io.IOException;
import java.util.Collections;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.io.ConnectionEndpoint;
import org.apache.hc.client5.http.io.HttpClientConnectionManager;
import org.apache.hc.client5.http.io.LeaseRequest;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.ConnPoolControl;
import org.apache.hc.core5.pool.PoolStats;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * A connection manager that hands out {@link TrackedEndpoint}s while Leakline records, and records each
 * one's release. Everything else goes to the user's manager; endpoints are unwrapped before the delegate
 * sees them, because Apache's managers cast endpoints to their own class.
 *
 * <p>Also a {@link ConnPoolControl} when the delegate is one, so that the builder's idle-connection evictor
 * ({@code evictIdleConnections}) keeps working.
 */
final class TrackingConnectionManager implements HttpClientConnectionManager, ConnPoolControl<HttpRoute> {
    private final HttpClientConnectionManager delegate;
    private final String poolName;

    TrackingConnectionManager(HttpClientConnectionManager delegate, String poolName) {
        this.delegate = delegate;
        this.poolName = poolName;
    }

    @Override
    public LeaseRequest lease(String id, HttpRoute route, Timeout requestTimeout, Object state) {
        LeaseRequest request = delegate.lease(id, route, requestTimeout, state);
        if (!Leakline.isRecording()) {
            return request;
        }
        String pool = poolName != null ? poolName : poolName(route);
        return new LeaseRequest() {
            @Override
            public ConnectionEndpoint get(Timeout timeout)
                    throws InterruptedException, ExecutionException, TimeoutException {
                ConnectionEndpoint endpoint = request.get(timeout);
                return endpoint == null ? null : new TrackedEndpoint(endpoint, new Lease(pool));
            }

            @Override
            public boolean cancel() {
                return request.cancel();
            }
        };
    }

    @Override
    public void release(ConnectionEndpoint endpoint, Object newState, TimeValue validDuration) {
        if (!(endpoint instanceof TrackedEndpoint)) {
            delegate.release(endpoint, newState, validDuration);
            return;
        }
        TrackedEndpoint tracked = (TrackedEndpoint) endpoint;
        try {
            delegate.release(tracked.delegate, newState, validDuration);
        } finally {
            try {
                tracked.lease.released(tracked.outcomeAfterRelease(validDuration), ReleaseCause.FROM_STACK);
            } catch (RuntimeException | LinkageError e) {
                Emitter.failed(e);
            }
        }
    }

    @Override
    public void connect(ConnectionEndpoint endpoint, TimeValue connectTimeout, HttpContext context)
            throws IOException {
        delegate.connect(unwrap(endpoint), connectTimeout, context);
    }

    @Override
    public void upgrade(ConnectionEndpoint endpoint, HttpContext context) throws IOException {
        delegate.upgrade(unwrap(endpoint), context);
    }

    @Override
    public void close(CloseMode closeMode) {
        delegate.close(closeMode);
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }

    private static ConnectionEndpoint unwrap(ConnectionEndpoint endpoint) {
        return endpoint instanceof TrackedEndpoint ? ((TrackedEndpoint) endpoint).delegate : endpoint;
    }

    /** The default pool name: the route's target, plus the proxy when there is one. */
    private static String poolName(HttpRoute route) {
        String target = route.getTargetHost().toURI();
        return route.getProxyHost() == null ? target : target + " via " + route.getProxyHost().toURI();
    }

    // ConnPoolControl: delegated when the user's manager is one (PoolingHttpClientConnectionManager is).

    @SuppressWarnings("unchecked")
    private ConnPoolControl<HttpRoute> control() {
        if (delegate instanceof ConnPoolControl) {
            return (ConnPoolControl<HttpRoute>) delegate;
        }
        throw new UnsupportedOperationException(delegate.getClass().getName() + " is not a ConnPoolControl");
    }

    @Override
    public void closeIdle(TimeValue idleTime) {
        if (delegate instanceof ConnPoolControl) {
            control().closeIdle(idleTime);
        }
    }

    @Override
    public void closeExpired() {
        if (delegate instanceof ConnPoolControl) {
            control().closeExpired();
        }
    }

    @Override
    public Set<HttpRoute> getRoutes() {
        return delegate instanceof ConnPoolControl ? control().getRoutes() : Collections.emptySet();
    }

    @Override
    public void setMaxTotal(int max) {
        control().setMaxTotal(max);
    }

    @Override
    public int getMaxTotal() {
        return control().getMaxTotal();
    }

    @Override
    public void setDefaultMaxPerRoute(int max) {
        control().setDefaultMaxPerRoute(max);
    }

    @Override
    public int getDefaultMaxPerRoute() {
        return control().getDefaultMaxPerRoute();
    }

    @Override
    public void setMaxPerRoute(HttpRoute route, int max) {
        control().setMaxPerRoute(route, max);
    }

    @Override
    public int getMaxPerRoute(HttpRoute route) {
        return control().getMaxPerRoute(route);
    }

    @Override
    public PoolStats getTotalStats() {
        return control().getTotalStats();
    }

    @Override
    public PoolStats getStats(HttpRoute route) {
        return control().getStats(route);
    }

    @Override
    public String toString() {
        return "Leakline(" + delegate + ")";
    }
}
