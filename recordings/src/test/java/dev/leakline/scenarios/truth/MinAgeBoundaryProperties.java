package dev.leakline.scenarios.truth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.leakline.engine.event.JvmRun;
import dev.leakline.engine.event.RecordedEvent;
import dev.leakline.engine.pairing.Pairing;
import dev.leakline.engine.pairing.PairingResult;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The truth files and the analyzer agree on "longer than the minimum age": a response exactly as old as the minimum
 * age is not leaked (or recovered) for either; one millisecond older is, for both. The truth side is the rule the
 * scenario programs wrote every committed {@code expected} verdict with; the analyzer side is the engine's pairing.
 */
class MinAgeBoundaryProperties {
    private static final JvmRun RUN = new JvmRun(1_700_000_000_000L, 42);
    private static final long OPENED_MILLIS = 1_795_000_000_000L;

    @Property(tries = 200)
    void unfinishedResponsesAgreeAroundTheBoundary(@ForAll @LongRange(min = 0, max = 60_000) long minAgeMillis,
            @ForAll @IntRange(min = -3, max = 3) int offsetMillis) {
        long ageMillis = Math.max(0, minAgeMillis + offsetMillis);
        String truth = Verdict.of(false, false, OPENED_MILLIS, 0, OPENED_MILLIS + ageMillis, minAgeMillis);
        String engine = engineVerdict(minAgeMillis, ageMillis, false);
        assertThat(engine).as("engine vs truth for age %d ms, min age %d ms", ageMillis, minAgeMillis)
                .isEqualTo(truth);
    }

    @Property(tries = 200)
    void closedResponsesAgreeAroundTheBoundary(@ForAll @LongRange(min = 0, max = 60_000) long minAgeMillis,
            @ForAll @IntRange(min = -3, max = 3) int offsetMillis) {
        long ageMillis = Math.max(0, minAgeMillis + offsetMillis);
        String truth = Verdict.of(false, true, OPENED_MILLIS, OPENED_MILLIS + ageMillis, OPENED_MILLIS + ageMillis
                + 60_000, minAgeMillis);
        String engine = engineVerdict(minAgeMillis, ageMillis, true);
        assertThat(engine).as("engine vs truth for a close after %d ms, min age %d ms", ageMillis, minAgeMillis)
                .isEqualTo(truth);
    }

    @Example
    void exactlyTheMinimumAgeIsInFlightAndOneMillisecondMoreIsLeaked() {
        assertThat(Verdict.of(false, false, 0, 0, 5000, 5000)).isEqualTo(Verdict.IN_FLIGHT);
        assertThat(Verdict.of(false, false, 0, 0, 5001, 5000)).isEqualTo(Verdict.LEAKED);
        assertThat(engineVerdict(5000, 5000, false)).isEqualTo("in_flight");
        assertThat(engineVerdict(5000, 5001, false)).isEqualTo("leaked");
        assertThat(engineVerdict(5000, 5000, true)).isEqualTo("closed_unread");
        assertThat(engineVerdict(5000, 5001, true)).isEqualTo("recovered");
    }

    /** The engine's verdict on one response opened at {@link #OPENED_MILLIS} and, if closed, closed unread. */
    private static String engineVerdict(long minAgeMillis, long ageMillis, boolean closed) {
        Pairing pairing = new Pairing(Duration.ofMillis(minAgeMillis));
        long opened = OPENED_MILLIS * 1_000_000;
        long at = opened + ageMillis * 1_000_000;
        pairing.accept(new RecordedEvent.ResponseOpened(RUN, opened, 1, "main", 7, 0, "test", "GET",
                "http://127.0.0.1/x", 200, "HTTP/1.1", 10, List.of()));
        long end = at;
        if (closed) {
            pairing.accept(new RecordedEvent.ResponseClosed(RUN, at, 1, 7, 0, false, "test"));
            end = at + 60_000_000_000L;
        }
        PairingResult result = pairing.finish(Map.of(RUN, end), List.of());
        assertThat(result.responses()).hasSize(1);
        return result.responses().get(0).verdict().id();
    }
}
