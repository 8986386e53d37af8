package dev.leakline.engine.timeline;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything the timeline is computed from: the recording's span and the responses and threads in it.
 *
 * @param start the recording's first instant (earliest chunk start)
 * @param end the recording's last instant (latest chunk end)
 * @param responses every response the analyzer paired, leaked or not
 * @param threads the threads worth charting (typically HTTP client threads); may be empty
 */
public record TimelineInput(Instant start, Instant end, List<ResponseSpan> responses, List<ThreadSpan> threads) {

    /** Copies the lists and checks that the span is not reversed. */
    public TimelineInput {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("recording end " + end + " is before its start " + start);
        }
        responses = List.copyOf(responses);
        threads = List.copyOf(threads);
    }
}
