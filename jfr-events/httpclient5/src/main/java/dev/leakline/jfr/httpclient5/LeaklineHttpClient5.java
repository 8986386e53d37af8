package dev.leakline.jfr.httpclient5;

import java.util.Objects;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.io.HttpClientConnectionManager;

/**
 * Leakline for Apache HttpClient 5 (classic API, 5.2 and later): one call on the client builder.
 *
 * <pre>{@code
 * PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create().build();
 * CloseableHttpClient client = LeaklineHttpClient5.instrument(HttpClients.custom(), pool).build();
 * }</pre>
 *
 * <h2>What is recorded</h2>
 * <ul>
 *   <li>{@code leakline.ResponseOpened} when the response head arrives, on the thread that called
 *       {@code execute}, so its stack trace shows the application's line.</li>
 *   <li>{@code leakline.ResponseDrained} when the application reads the body to its end, or, with
 *       {@code drainedBy=library}, when the client reads the rest of a body the application closed early
 *       (5.2 and later drain on close so that the connection can be pooled).</li>
 *   <li>{@code leakline.ResponseClosed} when the application closes the body's stream, the entity or the
 *       response, including {@code close(CloseMode.IMMEDIATE)}.</li>
 *   <li>{@code leakline.ConnectionReleased} when the connection goes back to the pool ({@code pooled}) or is
 *       closed instead ({@code closed}), with the connection's id (from Apache's own {@code http-outgoing-N}
 *       label) and the pool's name.</li>
 * </ul>
 * While no recording has the Leakline events enabled, requests pay one check and nothing is wrapped.
 */
public final class LeaklineHttpClient5 {
    /** The value recorded in the {@code client} field of {@code leakline.ResponseOpened}. */
    public static final String CLIENT = "apache-httpclient5";

    /** The name of the exec chain handler this adds to the builder. */
    public static final String HANDLER_NAME = "leakline";

    private LeaklineHttpClient5() {
    }

    /**
     * Instruments {@code builder}: sets {@code connectionManager}, wrapped so that Leakline sees each
     * connection leased and released, as the builder's connection manager, and adds the exec chain
     * handler that tracks each response. The pool's name recorded is the route's target, for example
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
        builder.setConnectionManager(connectionManager(connectionManager, poolName));
        builder.addExecInterceptorFirst(HANDLER_NAME, new ResponseTracker());
        // Under leakline-agent the same builder's build() must not add a second handler.
        Apache5Tracking.instrumented(builder);
        return builder;
    }

    /**
     * Wraps a connection manager so that Leakline records each connection's release, for builders that
     * are configured elsewhere. Responses are only tracked when the builder also has the handler that
     * {@link #instrument(HttpClientBuilder, HttpClientConnectionManager, String)} adds; prefer that method.
     *
     * @param poolName the pool's name to record, {@code null} for the route's target
     */
    public static HttpClientConnectionManager connectionManager(HttpClientConnectionManager connectionManager,
            String poolName) {
        Objects.requireNonNull(connectionManager, "connectionManager");
        if (connectionManager instanceof TrackingConnectionManager) {
            return connectionManager;
        }
        return new TrackingConnectionManager(connectionManager, poolName);
    }
}
