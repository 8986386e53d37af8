package dev.leakline.jfr.httpclient4;

import dev.leakline.jfr.Actor;
import dev.leakline.jfr.Leakline;
import dev.leakline.jfr.ReleaseOutcome;
import dev.leakline.jfr.TrackedResponse;

/**
 * What Leakline knows about one lease of a connection: which connection, which pool, and the response it
 * carries. Started by the connection manager (which learns the connection), completed by the response
 * interceptor (which learns the response). Holds no reference to the response, its body or the connection.
 */
final class Lease {
    final String pool;
    final long connectionId;
    private volatile TrackedResponse response = TrackedResponse.NONE;

    Lease(String pool, long connectionId) {
        this.pool = pool;
        this.connectionId = connectionId;
    }

    void response(TrackedResponse tracked) {
        response = tracked;
    }

    /**
     * The connection went back to the pool or was closed. First settles what the release proves about the
     * body (the response events come before the release event, as in the contract), then records the release.
     *
     * <ul>
     *   <li>Pooled while not closed: the application's read reached the end (Apache releases at EOF, before
     *       the read returns -1 to the application), so the body is drained.</li>
     *   <li>Pooled after the application closed the stream early: the client read the rest itself.</li>
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
