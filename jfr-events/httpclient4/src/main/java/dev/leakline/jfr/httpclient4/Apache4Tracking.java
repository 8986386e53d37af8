package dev.leakline.jfr.httpclient4;

import dev.leakline.jfr.Leakline;
import dev.leakline.jfr.ReleaseOutcome;
import dev.leakline.jfr.internal.Emitter;
import org.apache.http.HttpClientConnection;
import org.apache.http.HttpResponse;
import org.apache.http.conn.ManagedHttpClientConnection;
import org.apache.http.conn.routing.HttpRoute;
import org.apache.http.protocol.HttpContext;

/**
 * Not API: the one implementation of Leakline's HttpClient 4.5 tracking, called by the hand-wrapped
 * {@link LeaklineHttpClient4} (its connection manager and interceptor) and by {@code leakline-agent}'s advice
 * on the client's own classes. Leases are kept in one JVM-wide registry keyed by connection, so a client that
 * is both wrapped by hand and seen by the agent is tracked once: the first to see a lease, response or release
 * records it, the second finds it done.
 */
public final class Apache4Tracking {
    private static final Leases LEASES = new Leases();
    /** The pool of the lease this thread is about to get, named when the connection was requested. */
    private static final ThreadLocal<String> REQUESTED_POOL = new ThreadLocal<>();

    private Apache4Tracking() {
    }

    /** A connection for {@code route} was requested on this thread (the agent's view of a lease starting). */
    public static void routeRequested(Object route) {
        if (route instanceof HttpRoute && Leakline.isRecording()) {
            REQUESTED_POOL.set(poolName((HttpRoute) route));
        }
    }

    /** The agent saw {@code connection} leased after {@link #routeRequested}; a lease already known is kept. */
    public static void leased(Object connection) {
        String pool = REQUESTED_POOL.get();
        REQUESTED_POOL.remove();
        if (pool != null && connection instanceof HttpClientConnection
                && LEASES.get(connection) == null) {
            leased((HttpClientConnection) connection, pool);
        }
    }

    /** {@code connection} was leased from a pool named {@code pool}; replaces what the agent saw inside. */
    static void leased(HttpClientConnection connection, String pool) {
        try {
            LEASES.put(connection, new Lease(pool, Leakline.connectionId(label(connection))));
        } catch (RuntimeException | LinkageError e) {
            Emitter.failed(e);
        }
    }

    /**
     * {@code connection} is about to be released: forgets its lease and looks whether the connection is still
     * open (Apache's managers keep an open connection; once released, the handle reports closed). Returns
     * what {@link #released} needs, or null when the lease is unknown or already settled.
     */
    public static Object releasing(Object connection) {
        Lease lease = connection instanceof HttpClientConnection ? LEASES.remove((HttpClientConnection) connection) : null;
        if (lease == null) {
            return null;
        }
        ReleaseOutcome outcome = ReleaseOutcome.CLOSED;
        try {
            outcome = ((HttpClientConnection) connection).isOpen() ? ReleaseOutcome.POOLED : ReleaseOutcome.CLOSED;
        } catch (RuntimeException e) {
            Emitter.failed(e);
        }
        return new Release(lease, outcome);
    }

    /** The release {@link #releasing} saw has happened: records it. */
    public static void released(Object release) {
        if (release instanceof Release) {
            try {
                ((Release) release).lease.released(((Release) release).outcome, ReleaseCause.FROM_STACK);
            } catch (RuntimeException | LinkageError e) {
                Emitter.failed(e);
            }
        }
    }

    /** The response head arrived (on the thread that called {@code execute}); a response already tracked is left. */
    public static void responseArrived(Object response, Object context) {
        if (response instanceof HttpResponse && context instanceof HttpContext && Leakline.isRecording()
                && !(((HttpResponse) response).getEntity() instanceof TrackedEntity)) {
            ResponseTracker.track((HttpResponse) response, (HttpContext) context, LEASES);
        }
    }

    static Leases leases() {
        return LEASES;
    }

    /** Apache's own label of the connection, {@code http-outgoing-N}: unique in the JVM, the one its log prints. */
    private static String label(HttpClientConnection connection) {
        return connection instanceof ManagedHttpClientConnection
                ? ((ManagedHttpClientConnection) connection).getId()
                : connection.getClass().getName() + "@" + System.identityHashCode(connection);
    }

    /** The default pool name: the route's target, plus the proxy when there is one. */
    static String poolName(HttpRoute route) {
        String target = route.getTargetHost().toURI();
        return route.getProxyHost() == null ? target : target + " via " + route.getProxyHost().toURI();
    }

    /** A release in progress: the lease and what the connection's state said about it. */
    private static final class Release {
        final Lease lease;
        final ReleaseOutcome outcome;

        Release(Lease lease, ReleaseOutcome outcome) {
            this.lease = lease;
            this.outcome = outcome;
        }
    }
}
