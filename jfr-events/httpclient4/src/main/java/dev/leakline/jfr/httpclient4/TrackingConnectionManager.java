package dev.leakline.jfr.httpclient4;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import dev.leakline.jfr.Leakline;
import org.apache.http.HttpClientConnection;
import org.apache.http.conn.ConnectionPoolTimeoutException;
import org.apache.http.conn.ConnectionRequest;
import org.apache.http.conn.HttpClientConnectionManager;
import org.apache.http.conn.routing.HttpRoute;
import org.apache.http.pool.ConnPoolControl;
import org.apache.http.pool.PoolStats;
import org.apache.http.protocol.HttpContext;

/**
 * A connection manager that starts a {@link Lease} for each connection it hands out while Leakline records,
 * and records each one's release, through {@link Apache4Tracking}. Connections are handed out as they are (the client and Apache's own
 * managers cast them to their own classes); everything else goes to the user's manager.
 *
 * <p>Also a {@link ConnPoolControl} when the delegate is one, so that pool statistics and limits keep working.
 */
final class TrackingConnectionManager implements HttpClientConnectionManager, ConnPoolControl<HttpRoute> {
    private final HttpClientConnectionManager delegate;
    private final String poolName;

    TrackingConnectionManager(HttpClientConnectionManager delegate, String poolName) {
        this.delegate = delegate;
        this.poolName = poolName;
    }

    @Override
    public ConnectionRequest requestConnection(HttpRoute route, Object state) {
        ConnectionRequest request = delegate.requestConnection(route, state);
        if (!Leakline.isRecording()) {
            return request;
        }
        String pool = poolName != null ? poolName : Apache4Tracking.poolName(route);
        return new ConnectionRequest() {
            @Override
            public HttpClientConnection get(long timeout, TimeUnit unit)
                    throws InterruptedException, ExecutionException, ConnectionPoolTimeoutException {
                HttpClientConnection connection = request.get(timeout, unit);
                if (connection != null) {
                    Apache4Tracking.leased(connection, pool);
                }
                return connection;
            }

            @Override
            public boolean cancel() {
                return request.cancel();
            }
        };
    }

    @Override
    public void releaseConnection(HttpClientConnection connection, Object newState, long validDuration,
            TimeUnit timeUnit) {
        Object release = Apache4Tracking.releasing(connection);
        try {
            delegate.releaseConnection(connection, newState, validDuration, timeUnit);
        } finally {
            Apache4Tracking.released(release);
        }
    }

    @Override
    public void connect(HttpClientConnection connection, HttpRoute route, int connectTimeout, HttpContext context)
            throws IOException {
        delegate.connect(connection, route, connectTimeout, context);
    }

    @Override
    public void upgrade(HttpClientConnection connection, HttpRoute route, HttpContext context) throws IOException {
        delegate.upgrade(connection, route, context);
    }

    @Override
    public void routeComplete(HttpClientConnection connection, HttpRoute route, HttpContext context)
            throws IOException {
        delegate.routeComplete(connection, route, context);
    }

    @Override
    public void closeIdleConnections(long idletime, TimeUnit unit) {
        delegate.closeIdleConnections(idletime, unit);
    }

    @Override
    public void closeExpiredConnections() {
        delegate.closeExpiredConnections();
    }

    @Override
    public void shutdown() {
        delegate.shutdown();
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
