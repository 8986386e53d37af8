package dev.leakline.engine.timeline;

import java.time.Instant;
import java.util.Objects;

/**
 * One response's life as the timeline needs it.
 *
 * @param opened when the response was opened (its {@code leakline.ResponseOpened} event)
 * @param finished when it stopped being outstanding: the earlier of drained and closed; {@code null} when it was
 *     still outstanding at the end of the recording
 * @param group what the response is charted under: its pool, or client and host when there is no pool
 *     (for example {@code "pool apache-5 svc-b:8080"} or {@code "java.net.http 127.0.0.1:8080"})
 * @param leaked whether the analyzer's verdict for it is {@code leaked}; counted in the leaked series from
 *     {@code opened} on, because that is when the leak began even though it is only known at the end
 * @param connectionId the connection it was read from, {@code 0} when unknown; responses with an unknown
 *     connection count as one held connection each (an outstanding HTTP/1.1 response pins its connection)
 */
public record ResponseSpan(Instant opened, Instant finished, String group, boolean leaked, long connectionId) {

    /** Checks the span: {@code opened} and {@code group} are required, and a response cannot finish before it opens. */
    public ResponseSpan {
        Objects.requireNonNull(opened, "opened");
        Objects.requireNonNull(group, "group");
        if (finished != null && finished.isBefore(opened)) {
            throw new IllegalArgumentException("response finished at " + finished + " before it opened at " + opened);
        }
    }
}
