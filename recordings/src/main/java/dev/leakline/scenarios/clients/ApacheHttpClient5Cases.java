package dev.leakline.scenarios.clients;

import dev.leakline.jfr.httpclient5.LeaklineHttpClient5;
import dev.leakline.scenarios.Case;
import dev.leakline.scenarios.ClientCases;
import dev.leakline.scenarios.Opened;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.util.Timeout;

/**
 * The scenarios on Apache HttpClient 5 (classic API), instrumented with {@link LeaklineHttpClient5}. Each
 * request is {@code executeOpen} (the call that hands the application a response it must finish), its body
 * taken as the entity's content stream; closing that stream is the application's close.
 *
 * <p>The four cases and the client-per-request cases use Apache's default pool (5 connections per route)
 * on a client of their own. The shared client of the service, in-flight and lost-chunks scenarios has a
 * bounded pool of {@value #SHARED_POOL_PER_ROUTE} per route and a
 * {@value #CONNECTION_REQUEST_TIMEOUT_MILLIS} ms connection request timeout, so that the service's leaks
 * exhaust it. In the service scenario each code path has a client of its own with such a pool, named after
 * its downstream ({@code orders}, {@code catalog}, {@code reports}): only the leaking {@code reports} pool
 * runs dry. No client here starts a thread (no idle-connection evictor is configured).
 */
public final class ApacheHttpClient5Cases implements ClientCases {
    /** Connections per route (and in all) in the shared client's pool. */
    static final int SHARED_POOL_PER_ROUTE = 8;
    /** How long a request waits for a connection from a pool that has none free. */
    static final long CONNECTION_REQUEST_TIMEOUT_MILLIS = 500;

    private CloseableHttpClient shared;
    /** The service's clients, one per downstream, by pool name. */
    private final Map<String, CloseableHttpClient> perDownstream = new HashMap<>();

    @Override
    public String client() {
        return LeaklineHttpClient5.CLIENT;
    }

    @Override
    public String folder() {
        return "apache-httpclient5";
    }

    /** A pool of {@code perRoute} connections per route and in all. */
    private static PoolingHttpClientConnectionManager pool(int perRoute) {
        return PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnPerRoute(perRoute)
                .setMaxConnTotal(perRoute)
                .build();
    }

    /**
     * An instrumented client on Apache's default pool; {@code build()} is called on the case's own line
     * (with the bookkeeping call) so that the client's site is that line.
     */
    private static HttpClientBuilder builder() {
        return LeaklineHttpClient5.instrument(HttpClients.custom(),
                PoolingHttpClientConnectionManagerBuilder.create().build());
    }

    /** An instrumented client on a pool of {@code perRoute}, which waits at most the short timeout for a connection. */
    private static HttpClientBuilder bounded(int perRoute) {
        return bounded(perRoute, null);
    }

    /** As {@link #bounded(int)}, the pool recorded as {@code poolName} (null: the route's target). */
    private static HttpClientBuilder bounded(int perRoute, String poolName) {
        return LeaklineHttpClient5.instrument(HttpClients.custom(), pool(perRoute), poolName)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.ofMilliseconds(CONNECTION_REQUEST_TIMEOUT_MILLIS))
                        .build());
    }

    private static HttpGet get(Case c) {
        return new HttpGet(c.uri());
    }

    @Override
    public void neitherReadNorClosed(Case c) throws Exception {
        CloseableHttpClient client = c.built(builder().build());
        for (int i = 0; i < c.requests(); i++) {
            c.opened(client.executeOpen(null, get(c), null).getEntity().getContent());
        }
    }

    @Override
    public void closedUnread(Case c) throws Exception {
        CloseableHttpClient client = c.built(builder().build());
        for (int i = 0; i < c.requests(); i++) {
            c.opened(client.executeOpen(null, get(c), null).getEntity().getContent());
        }
    }

    @Override
    public void readToEnd(Case c) throws Exception {
        CloseableHttpClient client = c.built(builder().build());
        for (int i = 0; i < c.requests(); i++) {
            c.opened(client.executeOpen(null, get(c), null).getEntity().getContent());
        }
    }

    @Override
    public void readAndClosed(Case c) throws Exception {
        CloseableHttpClient client = c.built(builder().build());
        for (int i = 0; i < c.requests(); i++) {
            c.opened(client.executeOpen(null, get(c), null).getEntity().getContent());
        }
    }

    @Override
    public void clientPerRequest(Case c) throws Exception {
        for (int i = 0; i < c.requests(); i++) {
            CloseableHttpClient client = c.built(builder().build());
            c.opened(client.executeOpen(null, get(c), null).getEntity().getContent());
        }
    }

    @Override
    public void clientPerRequestClosed(Case c) throws Exception {
        for (int i = 0; i < c.requests(); i++) {
            CloseableHttpClient client = c.built(builder().build());
            c.opened(client.executeOpen(null, get(c), null).getEntity().getContent());
            client.close(); // closes its pool, and with it the pooled connection
            c.closedClient(client);
        }
    }

    /** The shared client, or the client of the case's downstream when it names one. */
    private synchronized CloseableHttpClient shared(Case c) {
        if (c.pool() != null) {
            CloseableHttpClient own = perDownstream.get(c.pool());
            if (own == null) {
                own = c.built(bounded(SHARED_POOL_PER_ROUTE, c.pool()).build());
                perDownstream.put(c.pool(), own);
            }
            return own;
        }
        if (shared == null) {
            shared = c.built(bounded(SHARED_POOL_PER_ROUTE).build());
        }
        return shared;
    }

    @Override
    public boolean namesPools() {
        return true;
    }

    @Override
    public Opened orders(Case c) throws Exception {
        return c.opened(shared(c).executeOpen(null, get(c), null).getEntity().getContent());
    }

    @Override
    public Opened catalog(Case c) throws Exception {
        return c.opened(shared(c).executeOpen(null, get(c), null).getEntity().getContent());
    }

    @Override
    public Opened reports(Case c) throws Exception {
        return c.opened(shared(c).executeOpen(null, get(c), null).getEntity().getContent());
    }

    @Override
    public String boundedPool() {
        return SHARED_POOL_PER_ROUTE + " connections per route, " + CONNECTION_REQUEST_TIMEOUT_MILLIS
                + " ms connection request timeout";
    }

    @Override
    public boolean isPoolTimeout(Throwable e) {
        return e instanceof ConnectionRequestTimeoutException;
    }

    @Override
    public String poolExhaustion(Case c) throws Exception {
        CloseableHttpClient client = c.built(bounded(c.requests()).build());
        for (int i = 0; i < c.requests(); i++) {
            c.opened(client.executeOpen(null, get(c), null).getEntity().getContent());
        }
        long start = System.nanoTime();
        try {
            client.executeOpen(null, get(c), null).close();
        } catch (ConnectionRequestTimeoutException e) {
            return "request " + (c.requests() + 1) + " failed after "
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms with "
                    + e.getClass().getName() + ": " + e.getMessage();
        }
        throw new IllegalStateException("request " + (c.requests() + 1) + " got a connection from a pool of "
                + c.requests() + " whose every connection is held by an open response");
    }

    @Override
    public List<String> threadsPerHeldClient() {
        return List.of();
    }

    @Override
    public String vsGo() {
        return "closing an unread body (its content stream) makes HttpClient 5 read the rest and pool the"
                + " connection, so closed-unread reuses one connection where Go closes each. Reading to the end"
                + " gives the connection back to the pool without a close, as in Go. And the pool is bounded (5"
                + " per route by default): the 5 unfinished bodies of neither-read-nor-closed take all of it, so"
                + " a 6th request would wait for a connection and time out (pool-exhaustion); Go's transport has"
                + " no per-host limit by default.";
    }
}
