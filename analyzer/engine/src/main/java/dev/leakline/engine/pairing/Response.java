package dev.leakline.engine.pairing;

import java.util.List;

import dev.leakline.engine.event.Frame;
import dev.leakline.engine.event.JvmRun;

/**
 * One response's life as the recording tells it, with its verdict. Times are epoch nanoseconds; -1 when the event is
 * absent.
 *
 * @param ageNanos           how long it stayed unfinished: until its first drain or close, or until the end of the
 *                           recording when it never finished
 * @param uncertain          whether a data-loss window may hide the event that would change the verdict
 * @param pool               the pool of its connection: as its {@code leakline.ResponseOpened} names it, else from
 *                           {@code leakline.ConnectionReleased}; null when unknown
 * @param connectionOutcome  {@code pooled} or {@code closed} when its connection's release was recorded, else null
 * @param startedNanos       when its asynchronous request started ({@code leakline.RequestStarted}), -1 when no start
 *                           was recorded; {@code threadId}, {@code threadName} and {@code stack} are then the start's
 */
public record Response(JvmRun run, long id, long connectionId, String client, String method, String uri, int status,
        String protocol, long contentLength, long openedNanos, long drainedNanos, long closedNanos, long bytesRead,
        String drainedBy, String closedBy, long threadId, String threadName, List<Frame> stack, Verdict verdict,
        long ageNanos, boolean uncertain, String pool, String connectionOutcome, long startedNanos) {
    public Response {
        stack = List.copyOf(stack);
    }

    /** When the application made the request: its start for an asynchronous request, else its open. */
    public long requestedNanos() {
        return startedNanos >= 0 ? startedNanos : openedNanos;
    }
}
