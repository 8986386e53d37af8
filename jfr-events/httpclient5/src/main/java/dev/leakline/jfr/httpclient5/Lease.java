package dev.leakline.jfr.httpclient5;

import dev.leakline.jfr.Actor;
import dev.leakline.jfr.Leakline;
import dev.leakline.jfr.ReleaseOutcome;
import dev.leakline.jfr.TrackedResponse;

/**
 * What Leakline knows about one lease of a connection: which connection, which pool, and the response it
 * carries. Shared between the endpoint (which learns the connection) and the exec chain handler (which
 * learns the response) through the request's context. Holds no reference to the response or its body.
 */
final class Lease {
    /** The context attribute under which the current lease is published to {@link ResponseTracker}. */
    static final String ATTRIBUTE = "dev.leakline.jfr.httpclient5.lease";

    final String pool;
    private volatile long connectionId;
    private volatile TrackedResponse response = TrackedResponse.NONE;

    Lease(String pool) {
        this.pool = pool;
    }

    long connectionId() {
        return connectionId;
    }

    void connection(long id) {
        connectionId = id;
    }

    void response(TrackedResponse tracked) {
        response = tracked;
    }

    TrackedResponse response() {
        return response;
    }

    /**
     * The connection went back to the pool or was closed. First settles what the release proves about the
     * body (the response events come before the release event, as in the contract), then records the release.
     *
     * <ul>
     *   <li>Pooled while not closed: the application's read reached the end (Apache releases at EOF, before
     *       the read returns -1 to the application), so the body is drained.</li>
     *   <li>Pooled after the application closed it early: the client read the rest itself.</li>
     *   <li>Closed while neither drained nor closed: {@code cause} says who.</li>
     * </ul>
     */
    void released(ReleaseOutcome outcome, ReleaseCause cause) {
        TrackedResponse tracked = response;
        if (tracked.isTracked() && !tracked.isDrained()) {
            if (outcome == ReleaseOutcome.POOLED) {
                tracked.bodyDrained(tracked.isClosed() ? Actor.LIBRARY : Actor.APPLICATION);
            } else if (!tracked.isClosed()) {
                Actor by = cause.of();
                if (by == null) {
                    tracked.bodyDrained(Actor.APPLICATION);
                } else {
                    tracked.closed(by);
                }
            }
        }
        Leakline.connectionReleased(connectionId, pool, outcome, tracked.id());
    }
}
