package dev.leakline.engine.pairing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.leakline.engine.event.Frame;
import dev.leakline.engine.event.JvmRun;
import dev.leakline.engine.event.RecordedEvent;
import dev.leakline.engine.event.RecordedEvent.ResponseClosed;
import dev.leakline.engine.event.RecordedEvent.ResponseDrained;
import dev.leakline.engine.event.RecordedEvent.ResponseOpened;

/**
 * The lifecycle state machine on exact event sequences, in any order. (The reader's side is tested on real
 * recordings; here the events are our own records, which is what pairing consumes.)
 */
class PairingTest {
    private static final JvmRun RUN_A = new JvmRun(1_000, 11);
    private static final JvmRun RUN_B = new JvmRun(2_000, 22);
    private static final long S = 1_000_000_000L;
    private static final List<Frame> STACK = List.of(new Frame("com.acme.Shop", "buy", 42));

    private static ResponseOpened opened(JvmRun run, long id, long at) {
        return new ResponseOpened(run, at, 1, "main", id, 0, "c", "GET", "http://h/x", 200, "HTTP/1.1", -1, STACK);
    }

    private static ResponseDrained drained(JvmRun run, long id, long at) {
        return new ResponseDrained(run, at, 1, id, 10, "application");
    }

    private static ResponseClosed closed(JvmRun run, long id, long at, boolean drained) {
        return new ResponseClosed(run, at, 1, id, 10, drained, "application");
    }

    private static PairingResult pair(Duration minAge, Map<JvmRun, Long> ends, List<LossWindow> losses,
            RecordedEvent... events) {
        Pairing pairing = new Pairing(minAge);
        for (RecordedEvent e : events) {
            pairing.accept(e);
        }
        return pairing.finish(ends, losses);
    }

    private static Verdict only(PairingResult result) {
        assertThat(result.responses()).hasSize(1);
        return result.responses().get(0).verdict();
    }

    @Test
    void closeBeforeOpenInTheFileStillPairs() {
        PairingResult result = pair(Duration.ofSeconds(5), Map.of(RUN_A, 100 * S), List.of(),
                closed(RUN_A, 1, 11 * S, false), opened(RUN_A, 1, 10 * S));

        assertThat(only(result)).isEqualTo(Verdict.CLOSED_UNREAD);
        assertThat(result.orphans()).isEmpty();
    }

    @Test
    void drainedAndClosedInAnyOrderIsCleanAndFolded() {
        PairingResult result = pair(Duration.ofSeconds(5), Map.of(RUN_A, 100 * S), List.of(),
                closed(RUN_A, 1, 11 * S, true), drained(RUN_A, 1, 11 * S - 5), opened(RUN_A, 1, 10 * S));

        assertThat(result.responses()).isEmpty();
        assertThat(result.count(Verdict.CLEAN)).isEqualTo(1);
        assertThat(result.cleanGroups()).singleElement().satisfies(g -> assertThat(g.stack()).isEqualTo(STACK));
    }

    @Test
    void equalStacksFromDifferentChunksFoldIntoOneGroupPerClientAndStack() {
        Pairing pairing = new Pairing(Duration.ofSeconds(5));
        List<Frame> other = List.of(new Frame("com.acme.Shop", "sell", 43));
        long id = 0;
        // Each chunk's reader builds its own list for a stack: equal lists, distinct objects.
        for (int chunk = 0; chunk < 5; chunk++) {
            for (List<Frame> stack : List.of(new java.util.ArrayList<>(STACK), new java.util.ArrayList<>(other))) {
                for (String client : List.of("c1", "c2")) {
                    id++;
                    pairing.accept(new ResponseOpened(RUN_A, 10 * S, 1, "main", id, 0, client, "GET", "http://h/x",
                            200, "HTTP/1.1", -1, stack));
                    pairing.accept(drained(RUN_A, id, 11 * S));
                    pairing.accept(closed(RUN_A, id, 11 * S, true));
                }
            }
        }
        PairingResult result = pairing.finish(Map.of(RUN_A, 100 * S), List.of());

        assertThat(result.responses()).isEmpty();
        assertThat(result.cleanGroups()).extracting(CleanGroup::client, CleanGroup::stack, CleanGroup::count)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("c1", STACK, 5L),
                        org.assertj.core.groups.Tuple.tuple("c2", STACK, 5L),
                        org.assertj.core.groups.Tuple.tuple("c1", other, 5L),
                        org.assertj.core.groups.Tuple.tuple("c2", other, 5L));
    }

    @Test
    void withoutFoldingCleanResponsesKeepTheirTimes() {
        Pairing pairing = new Pairing(Duration.ofSeconds(5), false);
        pairing.accept(opened(RUN_A, 1, 10 * S));
        pairing.accept(drained(RUN_A, 1, 11 * S));
        pairing.accept(closed(RUN_A, 1, 12 * S, true));
        PairingResult result = pairing.finish(Map.of(RUN_A, 100 * S), List.of());

        assertThat(result.cleanGroups()).isEmpty();
        assertThat(result.responses()).singleElement().satisfies(r -> {
            assertThat(r.verdict()).isEqualTo(Verdict.CLEAN);
            assertThat(r.drainedNanos()).isEqualTo(11 * S);
            assertThat(r.closedNanos()).isEqualTo(12 * S);
        });
    }

    @Test
    void unfinishedResponseIsLeakedWhenOlderThanMinAgeElseInFlight() {
        assertThat(only(pair(Duration.ofSeconds(5), Map.of(RUN_A, 16 * S), List.of(), opened(RUN_A, 1, 10 * S))))
                .isEqualTo(Verdict.LEAKED);
        assertThat(only(pair(Duration.ofSeconds(5), Map.of(RUN_A, 14 * S), List.of(), opened(RUN_A, 1, 10 * S))))
                .isEqualTo(Verdict.IN_FLIGHT);
    }

    @Test
    void lateFinishIsRecovered() {
        PairingResult result = pair(Duration.ofSeconds(5), Map.of(RUN_A, 100 * S), List.of(),
                opened(RUN_A, 1, 10 * S), drained(RUN_A, 1, 20 * S), closed(RUN_A, 1, 20 * S, true));

        assertThat(only(result)).isEqualTo(Verdict.RECOVERED);
        assertThat(result.responses().get(0).ageNanos()).isEqualTo(10 * S);
    }

    @Test
    void aLibraryDrainAfterAnUnreadCloseIsStillClosedUnread() {
        RecordedEvent.ResponseDrained libraryDrain = new ResponseDrained(RUN_A, 11 * S + 5, 1, 1, 0, "library");
        PairingResult result = pair(Duration.ofSeconds(5), Map.of(RUN_A, 100 * S), List.of(),
                opened(RUN_A, 1, 10 * S), closed(RUN_A, 1, 11 * S, false), libraryDrain);

        assertThat(only(result)).isEqualTo(Verdict.CLOSED_UNREAD);
        assertThat(result.responses().get(0).drainedBy()).isEqualTo("library");
    }

    @Test
    void drainedButNeverClosed() {
        assertThat(only(pair(Duration.ofSeconds(5), Map.of(RUN_A, 100 * S), List.of(), opened(RUN_A, 1, 10 * S),
                drained(RUN_A, 1, 10 * S + 1)))).isEqualTo(Verdict.DRAINED_NOT_CLOSED);
    }

    @Test
    void drainOrCloseWithoutOpenIsAnOrphan() {
        PairingResult result = pair(Duration.ofSeconds(5), Map.of(RUN_A, 100 * S), List.of(),
                closed(RUN_A, 5, 11 * S, false), drained(RUN_A, 6, 12 * S));

        assertThat(result.responses()).isEmpty();
        assertThat(result.orphans()).extracting(Orphan::responseId, Orphan::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(5L, "closed"),
                        org.assertj.core.groups.Tuple.tuple(6L, "drained"));
    }

    @Test
    void sameIdInTwoJvmRunsAreTwoResponses() {
        PairingResult result = pair(Duration.ofSeconds(5), Map.of(RUN_A, 100 * S, RUN_B, 100 * S), List.of(),
                opened(RUN_A, 1, 10 * S), opened(RUN_B, 1, 10 * S), closed(RUN_B, 1, 10 * S + 1, false));

        assertThat(result.responses()).extracting(Response::run, Response::verdict).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(RUN_A, Verdict.LEAKED),
                org.assertj.core.groups.Tuple.tuple(RUN_B, Verdict.CLOSED_UNREAD));
    }

    @Test
    void aReleaseReadBeforeItsResponseStillTellsTheConnectionsFate() {
        RecordedEvent.ConnectionReleased released = new RecordedEvent.ConnectionReleased(RUN_A, 12 * S, 9, "pool-a",
                "closed", 1);
        PairingResult result = pair(Duration.ofSeconds(5), Map.of(RUN_A, 100 * S), List.of(), released,
                closed(RUN_A, 1, 11 * S, false), opened(RUN_A, 1, 10 * S));

        assertThat(result.responses()).singleElement().satisfies(r -> {
            assertThat(r.verdict()).isEqualTo(Verdict.CLOSED_UNREAD);
            assertThat(r.connectionOutcome()).isEqualTo("closed");
            assertThat(r.pool()).isEqualTo("pool-a");
        });
    }

    @Test
    void releasesOfResponsesNeverSeenAreBoundedAndChangeNoVerdict() {
        int flood = 2 * Pairing.EARLY_RELEASES;
        Pairing flooded = new Pairing(Duration.ofSeconds(5));
        Pairing plain = new Pairing(Duration.ofSeconds(5));
        // Response 1's release is read first and response 2's last: the flood pushes out the oldest.
        for (Pairing p : List.of(flooded, plain)) {
            p.accept(release(1, 20 * S, "closed"));
        }
        for (int i = 0; i < flood; i++) {
            // Releases whose responses were opened before the recording: they never pair.
            flooded.accept(release(1_000_000 + i, 5 * S, "pooled"));
            assertThat(flooded.waitingReleases()).isLessThanOrEqualTo(Pairing.EARLY_RELEASES);
        }
        List<RecordedEvent> responses = List.of(release(2, 21 * S, "closed"), opened(RUN_A, 1, 10 * S),
                opened(RUN_A, 2, 10 * S), closed(RUN_A, 2, 11 * S, false), opened(RUN_A, 3, 10 * S),
                drained(RUN_A, 3, 11 * S), closed(RUN_A, 3, 11 * S, true));
        for (Pairing p : List.of(flooded, plain)) {
            responses.forEach(p::accept);
        }
        PairingResult withFlood = flooded.finish(Map.of(RUN_A, 100 * S), List.of());
        PairingResult without = plain.finish(Map.of(RUN_A, 100 * S), List.of());

        // Full at the cap, less the release response 2 took when it opened.
        assertThat(flooded.waitingReleases()).isEqualTo(Pairing.EARLY_RELEASES - 1);
        assertThat(flooded.droppedReleases()).isEqualTo(1L + flood + 1 - Pairing.EARLY_RELEASES);
        assertThat(plain.droppedReleases()).isZero();
        assertThat(withFlood.responses()).extracting(Response::id, Response::verdict)
                .isEqualTo(without.responses().stream()
                        .map(r -> org.assertj.core.groups.Tuple.tuple(r.id(), r.verdict())).toList())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, Verdict.LEAKED),
                        org.assertj.core.groups.Tuple.tuple(2L, Verdict.CLOSED_UNREAD));
        assertThat(withFlood.count(Verdict.CLEAN)).isEqualTo(without.count(Verdict.CLEAN)).isEqualTo(1);
        // The oldest release was dropped (its response's fate is now unknown); the newest one still pairs.
        assertThat(withFlood.responses().get(0).connectionOutcome()).isNull();
        assertThat(without.responses().get(0).connectionOutcome()).isEqualTo("closed");
        assertThat(withFlood.responses().get(1).connectionOutcome()).isEqualTo("closed");
    }

    private static RecordedEvent.ConnectionReleased release(long responseId, long at, String outcome) {
        return new RecordedEvent.ConnectionReleased(RUN_A, at, 9, "pool-a", outcome, responseId);
    }

    @Test
    void aReleaseWithoutResponseIdIsMatchedByConnectionAndTime() {
        ResponseOpened open = new ResponseOpened(RUN_A, 10 * S, 1, "main", 1, 9, "c", "GET", "http://h/x", 200,
                "HTTP/1.1", -1, STACK);
        PairingResult result = pair(Duration.ofSeconds(5), Map.of(RUN_A, 100 * S), List.of(),
                new RecordedEvent.ConnectionReleased(RUN_A, 5 * S, 9, "pool-a", "pooled", 0), open,
                closed(RUN_A, 1, 11 * S, false),
                new RecordedEvent.ConnectionReleased(RUN_A, 11 * S + 1, 9, "pool-a", "closed", 0));

        assertThat(result.responses()).singleElement()
                .satisfies(r -> assertThat(r.connectionOutcome()).isEqualTo("closed"));
    }

    @Test
    void dataLossAfterTheOpenMakesALeakUncertain() {
        LossWindow loss = new LossWindow(RUN_A, 20 * S, 21 * S, "jdk.DataLoss");
        PairingResult result = pair(Duration.ofSeconds(5), Map.of(RUN_A, 100 * S), List.of(loss),
                opened(RUN_A, 1, 10 * S), opened(RUN_A, 2, 30 * S));

        assertThat(result.responses()).extracting(Response::id, Response::uncertain, Response::verdict)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, true, Verdict.UNCERTAIN),
                        org.assertj.core.groups.Tuple.tuple(2L, false, Verdict.LEAKED));
        assertThat(result.count(Verdict.LEAKED)).isEqualTo(1);
    }
}
