package dev.leakline.engine.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.leakline.engine.event.ChunkFacts;
import dev.leakline.engine.event.Frame;
import dev.leakline.engine.event.JvmInfo;
import dev.leakline.engine.event.JvmRun;
import dev.leakline.engine.event.RecordedEvent;
import dev.leakline.engine.event.RecordedEvent.ResponseClosed;
import dev.leakline.engine.event.RecordedEvent.ResponseDrained;
import dev.leakline.engine.event.RecordedEvent.ResponseOpened;
import dev.leakline.engine.pairing.Response;
import dev.leakline.engine.pairing.Verdict;

/**
 * {@link AnalysisBuilder#snapshot}: what a live view sees. Verdicts as of a moment, repeatable while events keep
 * coming, and the batch {@code finish} unchanged by it.
 */
class SnapshotTest {
    private static final JvmRun RUN = new JvmRun(1_000, 11);
    private static final long S = 1_000_000_000L;
    private static final List<Frame> SHOP = List.of(new Frame("com.acme.Shop", "buy", 42));
    private static final List<Frame> CART = List.of(new Frame("com.acme.Cart", "load", 7));

    private static ResponseOpened opened(long id, long at, List<Frame> stack) {
        return new ResponseOpened(RUN, at, 1, "main", id, 0, "c", "GET", "http://h/x", 200, "HTTP/1.1", -1, stack);
    }

    private static ResponseDrained drained(long id, long at) {
        return new ResponseDrained(RUN, at, 1, id, 10, "application");
    }

    private static ResponseClosed closed(long id, long at) {
        return new ResponseClosed(RUN, at, 1, id, 10, true, "application");
    }

    private static AnalysisBuilder builder() {
        return new AnalysisBuilder(new AnalysisOptions(Duration.ofSeconds(2), List.of(), List.of()));
    }

    private static Verdict verdictOf(Analysis analysis, long id) {
        return analysis.pairing().responses().stream().filter(r -> r.id() == id).map(Response::verdict)
                .findFirst().orElseThrow();
    }

    @Test
    void anUnfinishedResponseIsInFlightUntilItPassesTheMinimumAgeThenLeaked() {
        AnalysisBuilder builder = builder();
        builder.onEvent(opened(1, 10 * S, SHOP));

        Analysis young = builder.snapshot(12 * S, List.of("live"));
        Analysis old = builder.snapshot(12 * S + 1, List.of("live"));

        assertThat(verdictOf(young, 1)).isEqualTo(Verdict.IN_FLIGHT);
        assertThat(young.leaked()).isZero();
        assertThat(verdictOf(old, 1)).isEqualTo(Verdict.LEAKED);
        assertThat(old.leaked()).isEqualTo(1);
        assertThat(old.pairing().responses().get(0).ageNanos()).isEqualTo(2 * S + 1);
        assertThat(old.leakSites()).extracting(s -> s.site()).containsExactly("com.acme.Shop.buy(Shop.java:42)");
    }

    @Test
    void snapshotsConsumeNothingEventsKeepComingAndFinishAgreesWithTheLastSnapshot() {
        AnalysisBuilder builder = builder();
        builder.onEvent(opened(1, 10 * S, SHOP));
        builder.onEvent(opened(2, 10 * S, CART));
        assertThat(builder.snapshot(20 * S, List.of("live")).leaked()).isEqualTo(2);

        builder.onEvent(drained(2, 21 * S));
        builder.onEvent(closed(2, 21 * S));
        builder.onEvent(opened(3, 22 * S, CART));
        builder.onEvent(drained(3, 22 * S + 100));
        builder.onEvent(closed(3, 22 * S + 200));
        Analysis live = builder.snapshot(30 * S, List.of("live"));

        assertThat(verdictOf(live, 1)).isEqualTo(Verdict.LEAKED);
        assertThat(verdictOf(live, 2)).isEqualTo(Verdict.RECOVERED);
        assertThat(live.pairing().count(Verdict.CLEAN)).isEqualTo(1);
        assertThat(live.leaked()).isEqualTo(1);

        builder.onChunk(new ChunkFacts("live", 1, 9 * S, 30 * S, RUN, ChunkFacts.Outcome.READ, null));
        Analysis batch = builder.finish(List.of("live"));
        assertThat(batch.pairing().responses()).isEqualTo(live.pairing().responses());
        assertThat(batch.pairing().count(Verdict.CLEAN)).isEqualTo(1);
        assertThat(batch.runs()).hasSize(1);
    }

    @Test
    void aDataLossBeforeItsChunkEndsMakesALeakUncertainInTheSnapshot() {
        AnalysisBuilder builder = builder();
        builder.onChunk(new ChunkFacts("live", 1, 0, 5 * S, RUN, ChunkFacts.Outcome.READ, null));
        builder.onEvent(opened(1, 6 * S, SHOP));
        builder.onEvent(opened(2, 8 * S, SHOP));
        builder.onEvent(new RecordedEvent.DataLoss(RUN, 7 * S, 4096));

        Analysis live = builder.snapshot(20 * S, List.of("live"));

        assertThat(verdictOf(live, 1)).isEqualTo(Verdict.UNCERTAIN);
        assertThat(verdictOf(live, 2)).isEqualTo(Verdict.LEAKED);
        assertThat(live.losses()).singleElement().satisfies(w -> {
            assertThat(w.fromNanos()).isEqualTo(5 * S);
            assertThat(w.toNanos()).isEqualTo(7 * S);
        });
        assertThat(live.runs()).singleElement().satisfies(r -> assertThat(r.chunks()).isEqualTo(1));
    }

    @Test
    void aSnapshotSpansItsRunsChunksAndNamesTheJvmOfAny() {
        AnalysisBuilder builder = builder();
        JvmInfo jdk = new JvmInfo("VM", "17", "17", "Linux");
        builder.onChunk(new ChunkFacts("live", 1, 10 * S, 20 * S, RUN, ChunkFacts.Outcome.READ, null, null));
        builder.onChunk(new ChunkFacts("live", 2, 20 * S, 30 * S, RUN, ChunkFacts.Outcome.READ, null, jdk));
        builder.onChunk(new ChunkFacts("live", 3, 5 * S, 8 * S, RUN, ChunkFacts.Outcome.READ, null, null));

        RunFacts run = builder.snapshot(30 * S, List.of("live")).runs().get(0);

        assertThat(run.chunks()).isEqualTo(3);
        assertThat(run.startNanos()).isEqualTo(5 * S);
        assertThat(run.endNanos()).isEqualTo(30 * S);
        assertThat(run.jvm()).isEqualTo(jdk);
    }
}
