package dev.leakline.engine.pairing;

import static dev.leakline.engine.Records.RUN;
import static dev.leakline.engine.Records.S;
import static dev.leakline.engine.Records.T0;
import static dev.leakline.engine.Records.closed;
import static dev.leakline.engine.Records.drained;
import static dev.leakline.engine.Records.opened;
import static dev.leakline.engine.Records.stack;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.leakline.engine.event.JvmRun;
import dev.leakline.engine.event.RecordedEvent;

/** Exact boundaries: "longer than" the minimum age, loss windows that touch, repeated events. */
class BoundariesTest {
    private static final Duration MIN_AGE = Duration.ofSeconds(5);

    private static PairingResult pair(long endNanos, RecordedEvent... events) {
        Pairing pairing = new Pairing(MIN_AGE);
        for (RecordedEvent e : events) {
            pairing.accept(e);
        }
        return pairing.finish(Map.of(RUN, endNanos), List.of());
    }

    private static RecordedEvent.ResponseClosed closedAt(long id, long nanos) {
        return new RecordedEvent.ResponseClosed(RUN, nanos, 7, id, 100, true, "application");
    }

    @Test
    void exactlyTheMinimumAgeIsNotLongerThanIt() {
        PairingResult atAge = pair(T0 + 6 * S, opened(1, 1, stack("a.A.a:1")));
        assertThat(atAge.responses().get(0).verdict()).isEqualTo(Verdict.IN_FLIGHT);
        PairingResult pastAge = pair(T0 + 6 * S + 1, opened(1, 1, stack("a.A.a:1")));
        assertThat(pastAge.responses().get(0).verdict()).isEqualTo(Verdict.LEAKED);

        PairingResult cleanAtAge = pair(T0 + 100 * S, opened(1, 1, stack("a.A.a:1")), drained(1, 6), closedAt(1, T0
                + 6 * S));
        assertThat(cleanAtAge.responses()).isEmpty(); // final and clean: folded at once
        assertThat(cleanAtAge.count(Verdict.CLEAN)).isEqualTo(1);
        PairingResult recovered = pair(T0 + 100 * S, opened(1, 1, stack("a.A.a:1")),
                new RecordedEvent.ResponseDrained(RUN, T0 + 6 * S + 1, 7, 1, 100, "application"),
                closedAt(1, T0 + 6 * S + 1));
        assertThat(recovered.responses()).singleElement()
                .satisfies(r -> assertThat(r.verdict()).isEqualTo(Verdict.RECOVERED));
    }

    @Test
    void aRepeatedDrainOrCloseOfAFoldedResponseIsNoOrphan() {
        PairingResult result = pair(T0 + 100 * S, opened(1, 1, stack("a.A.a:1")), drained(1, 2), closed(1, 2, true),
                closed(1, 3, true), drained(1, 3), closed(2, 3, true));
        assertThat(result.count(Verdict.CLEAN)).isEqualTo(1);
        assertThat(result.responses()).isEmpty();
        assertThat(result.orphans()).singleElement().satisfies(o -> {
            assertThat(o.responseId()).isEqualTo(2); // a close with no open at all still is one
            assertThat(o.kind()).isEqualTo("closed");
        });
    }

    @Test
    void theEarliestDrainAndCloseCount() {
        PairingResult result = pair(T0 + 100 * S, opened(1, 1, stack("a.A.a:1")), closed(1, 20, false),
                closed(1, 3, false), drained(1, 30), drained(1, 25));
        Response r = result.responses().get(0);
        assertThat(r.verdict()).isEqualTo(Verdict.CLOSED_UNREAD);
        assertThat(r.closedNanos()).isEqualTo(T0 + 3 * S);
        assertThat(r.drainedNanos()).isEqualTo(T0 + 25 * S);
        assertThat(r.ageNanos()).isEqualTo(2 * S);
    }

    @Test
    void lossWindowsOverlapIncludingTheirEndsAndOnlyTheirRun() {
        JvmRun other = new JvmRun(1, 2);
        LossWindow window = new LossWindow(RUN, 10, 20, "x");
        assertThat(window.overlaps(RUN, 20, 30)).isTrue();
        assertThat(window.overlaps(RUN, 21, 30)).isFalse();
        assertThat(window.overlaps(RUN, 0, 10)).isTrue();
        assertThat(window.overlaps(RUN, 0, 9)).isFalse();
        assertThat(window.overlaps(RUN, 12, 13)).isTrue();
        assertThat(window.overlaps(other, 12, 13)).isFalse();
        assertThat(new LossWindow(null, 10, 20, "x").overlaps(other, 12, 13)).isTrue();
    }
}
