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

    /** The verdict of a response opened at 1 s and closed (not drained) at 2 s having read {@code bytes}. */
    private static Verdict closedAfterReading(String method, int status, long contentLength, long bytes) {
        RecordedEvent.ResponseOpened open = new RecordedEvent.ResponseOpened(RUN, T0 + S, 7, "main", 1, 0, "c",
                method, "http://h/x", status, "HTTP/1.1", contentLength, stack("a.A.a:1"));
        PairingResult result = pair(T0 + 100 * S, open,
                new RecordedEvent.ResponseClosed(RUN, T0 + 2 * S, 7, 1, bytes, false, "application"));
        return result.responses().isEmpty() ? Verdict.CLEAN : result.responses().get(0).verdict();
    }

    @Test
    void aBodyReadToItsDeclaredLengthOrWithNothingToReadIsReadToTheEnd() {
        assertThat(closedAfterReading("GET", 200, 100, 100)).isEqualTo(Verdict.CLEAN);
        assertThat(closedAfterReading("GET", 200, 100, 101)).isEqualTo(Verdict.CLEAN);
        assertThat(closedAfterReading("GET", 200, 100, 99)).isEqualTo(Verdict.CLOSED_UNREAD);
        assertThat(closedAfterReading("GET", 200, -1, 0)).isEqualTo(Verdict.CLOSED_UNREAD);
        assertThat(closedAfterReading("GET", 200, 0, 0)).isEqualTo(Verdict.CLEAN);
        assertThat(closedAfterReading("head", 200, 100, 0)).isEqualTo(Verdict.CLEAN);
        assertThat(closedAfterReading("GET", 204, -1, 0)).isEqualTo(Verdict.CLEAN);
        assertThat(closedAfterReading("GET", 304, -1, 0)).isEqualTo(Verdict.CLEAN);
        assertThat(closedAfterReading("GET", 100, -1, 0)).isEqualTo(Verdict.CLEAN);
        assertThat(closedAfterReading("GET", 199, -1, 0)).isEqualTo(Verdict.CLEAN);
        assertThat(closedAfterReading("GET", 99, -1, 0)).isEqualTo(Verdict.CLOSED_UNREAD);
        assertThat(closedAfterReading("GET", 200, -1, 5)).isEqualTo(Verdict.CLOSED_UNREAD);
        assertThat(closedAfterReading("GET", 205, -1, 0)).isEqualTo(Verdict.CLOSED_UNREAD);
    }

    @Test
    void aClosedUnreadResponseWhoseConnectionWasPooledCostsNothingAndRanksBelowOneThatCostItsConnection() {
        Pairing pairing = new Pairing(MIN_AGE);
        pairing.accept(opened(1, 1, stack("a.A.a:1"), "okhttp", "http://h/x", null, 11));
        pairing.accept(closed(1, 2, false));
        pairing.accept(new RecordedEvent.ConnectionReleased(RUN, T0 + 2 * S, 11, "p", "pooled", 1));
        pairing.accept(opened(2, 1, stack("b.B.b:1"), "okhttp", "http://h/x", null, 12));
        pairing.accept(closed(2, 2, false));
        pairing.accept(new RecordedEvent.ConnectionReleased(RUN, T0 + 2 * S, 12, "p", "closed", 2));
        PairingResult result = pairing.finish(Map.of(RUN, T0 + 100 * S), List.of());
        assertThat(result.responses()).extracting(Response::connectionOutcome).containsExactly("pooled", "closed");
        assertThat(dev.leakline.engine.sites.Sites.pooledOnClose(result.responses().get(0))).isTrue();
        assertThat(dev.leakline.engine.sites.Sites.pooledOnClose(result.responses().get(1))).isFalse();
        // The one that cost its connection comes first, although its name sorts last.
        assertThat(dev.leakline.engine.sites.Sites.group(result,
                dev.leakline.engine.sites.FrameFilter.withExtraPrefixes(List.of())))
                .extracting(dev.leakline.engine.sites.Site::site).containsExactly("b.B.b(B.java:1)", "a.A.a(A.java:1)");
    }

    @Test
    void aCleanResponseWhoseConnectionWasPooledIsNoCostToClose() {
        Pairing pairing = new Pairing(MIN_AGE);
        pairing.accept(opened(1, 1, stack("a.A.a:1"), "okhttp", "http://h/x", null, 11));
        pairing.accept(new RecordedEvent.ConnectionReleased(RUN, T0 + 2 * S, 11, "p", "pooled", 1));
        PairingResult result = pairing.finish(Map.of(RUN, T0 + 100 * S), List.of());
        assertThat(dev.leakline.engine.sites.Sites.pooledOnClose(result.responses().get(0))).isFalse();
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
        // A window of no known run hides only events of runs that cannot be told apart either.
        assertThat(new LossWindow(null, 10, 20, "x").overlaps(other, 12, 13)).isFalse();
        assertThat(new LossWindow(null, 10, 20, "x").overlaps(new JvmRun(5, -1), 12, 13)).isTrue();
        assertThat(new LossWindow(null, 10, 20, "x").overlaps(null, 12, 13)).isTrue();
    }
}
