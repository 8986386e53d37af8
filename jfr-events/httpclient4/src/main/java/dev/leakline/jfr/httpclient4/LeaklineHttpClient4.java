package dev.leakline.jfr.httpclient4;

import java.util.Objects;
import org.apache.http.conn.HttpClientConnectionManager;
import org.apache.http.impl.client.HttpClientBuilder;

/**
 * Leakline for Apache HttpClient 4.5 (classic API): one call on the client builder.
 *
 * <pre>{@code
 * PoolingHttpClientConnectionManager pool = new PoolingHttpClientConnectionManager();
 * CloseableHttpClient client = LeaklineHttpClient4.instrument(HttpClients.custom(), pool).build();
 * }</pre>
 *
 * <h2>What is recorded</h2>
 * <ul>
 *   <li>{@code leakline.ResponseOpened} when the response head arrived, on the thread that called
 *       {@code execute}, so its stack trace shows the application's line.</li>
 *   <li>{@code leakline.ResponseDrained} when the application reads the body to its end, or, with
 *       {@code drainedBy=library}, when the client reads the rest of a body whose stream the application
 *       closed early ({@code EntityUtils.consume}, closing the content stream).</li>
 *   <li>{@code leakline.ResponseClosed} when the application closes the content stream or the response
 *       ({@code CloseableHttpResponse.close()}, which in 4.5 shuts an unread response's connection), or
 *       aborts the request.</li>
 *   <li>{@code leakline.ConnectionReleased} when the connection goes back to the pool ({@code pooled}) or is
 *       closed instead ({@code closed}), with the connection's id (from Apache's own {@code http-outgoing-N}
 *       label) and the pool's name.</li>
 * </ul>
 * While no recording has the Leakline events enabled, requests pay one check at lease and one when the
 * response arrives, and nothing is wrapped.
 */
public final class LeaklineHttpClient4 {
    /** The value recorded in the {@code client} field of {@code leakline.ResponseOpened}. */
    public static final String CLIENT = "apache-httpclient4";

    private LeaklineHttpClient4() {
    }

    /**
     * Instruments {@code builder}: sets {@code connectionManager}, wrapped so that Leakline sees each
     * connection leased and released, as the builder's connection manager, and adds (last) the response
     * interceptor that tracks each response. The pool's name recorded is the route's target, for example
     * {@code http://127.0.0.1:8080}.
     *
     * @return {@code builder}, for chaining
     */
    public static HttpClientBuilder instrument(HttpClientBuilder builder, HttpClientConnectionManager connectionManager) {
        return instrument(builder, connectionManager, null);
    }

    /**
     * As {@link #instrument(HttpClientBuilder, HttpClientConnectionManager)}, recording {@code poolName} as the
     * name of the pool ({@code null}: the route's target).
     *
     * @return {@code builder}, for chaining
     */
    public static HttpClientBuilder instrument(HttpClientBuilder builder, HttpClientConnectionManager connectionManager,
            String poolName) {
        Objects.requireNonNull(builder, "builder");
        TrackingConnectionManager manager = connectionManager(connectionManager, poolName);
        builder.setConnectionManager(manager);
        // Last: after the client's own content decoding, so the tracked stream is the one the application reads.
        builder.addInterceptorLast(ResponseTracker.INSTANCE);
        return builder;
    }

    private static TrackingConnectionManager connectionManager(HttpClientConnectionManager connectionManager,
            String poolName) {
        Objects.requireNonNull(connectionManager, "connectionManager");
        if (connectionManager instanceof TrackingConnectionManager) {
            return (TrackingConnectionManager) connectionManager;
        }
        return new TrackingConnectionManager(connectionManager, poolName);
    }
}
