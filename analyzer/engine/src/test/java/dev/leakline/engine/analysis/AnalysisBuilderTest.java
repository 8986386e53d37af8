package dev.leakline.engine.analysis;

import static dev.leakline.engine.Records.RUN;
import static dev.leakline.engine.Records.S;
import static dev.leakline.engine.Records.T0;
import static dev.leakline.engine.Records.closed;
import static dev.leakline.engine.Records.drained;
import static dev.leakline.engine.Records.opened;
import static dev.leakline.engine.Records.stack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.leakline.engine.event.ChunkFacts;
import dev.leakline.engine.event.JvmInfo;
import dev.leakline.engine.event.JvmRun;
import dev.leakline.engine.event.RecordedEvent;
import dev.leakline.engine.pairing.LossWindow;
import dev.leakline.engine.pairing.Verdict;

/** Chunks and events in, an analysis out: runs, loss windows, counts and warnings. */
class AnalysisBuilderTest {
    private static final JvmRun OTHER = new JvmRun(1_795_000_500_000L, 99);
    private static final JvmInfo JDK = new JvmInfo("VM", "17", "17", "Linux");

    private static ChunkFacts chunk(JvmRun run, int index, long fromSeconds, long toSeconds, JvmInfo jvm) {
        return new ChunkFacts("a.jfr", index, T0 + fromSeconds * S, T0 + toSeconds * S, run, ChunkFacts.Outcome.READ,
                null, jvm);
    }

    @Test
    void runsAreSpannedByTheirChunksAndAGapOfMoreThanASecondIsALossWindow() {
        AnalysisBuilder builder = new AnalysisBuilder(AnalysisOptions.defaults());
        builder.onEvent(opened(1, 1, stack("com.acme.A.a:1")));
        builder.onChunk(chunk(RUN, 1, 0, 10, null));
        builder.onChunk(chunk(RUN, 2, 11, 20, JDK)); // 1 s apart: no gap
        builder.onChunk(chunk(RUN, 3, 21 + 1, 30, null)); // 2 s apart: a gap
        builder.onChunk(chunk(OTHER, 1, -5, 3, null));
        builder.onChunk(new ChunkFacts("a.jfr", 4, T0 + 30 * S, T0 + 40 * S, RUN, ChunkFacts.Outcome.DAMAGED,
                "bad bytes"));
        builder.onWarning("a warning");
        Analysis a = builder.finish(List.of("a.jfr"));

        assertThat(a.inputs()).containsExactly("a.jfr");
        assertThat(a.runs()).containsExactly(new RunFacts(OTHER, T0 - 5 * S, T0 + 3 * S, 1, null),
                new RunFacts(RUN, T0, T0 + 40 * S, 3, JDK));
        assertThat(a.losses()).containsExactly(
                new LossWindow(RUN, T0 + 30 * S, T0 + 40 * S, "a.jfr chunk 4 damaged"),
                new LossWindow(RUN, T0 + 20 * S, T0 + 22 * S, "gap of 2000 ms between chunks (a chunk may be missing)"));
        assertThat(a.chunks()).hasSize(5);
        assertThat(a.chunksRead()).isEqualTo(4);
        assertThat(a.warnings()).containsExactly("a warning");
        assertThat(a.leaklineEvents()).isEqualTo(1);
        // The gap and the damaged chunk lie after its open: it may have been closed there.
        assertThat(a.pairing().count(Verdict.UNCERTAIN)).isEqualTo(1);
        assertThat(a.pairing().responses().get(0).ageNanos()).isEqualTo(39 * S);
    }

    @Test
    void aResponseOpenPastTheMinimumAgeAtTheEndOfAWholeRecordingIsLeaked() {
        AnalysisBuilder builder = new AnalysisBuilder(AnalysisOptions.defaults());
        builder.onEvent(opened(1, 1, stack("com.acme.A.a:1")));
        builder.onEvent(opened(2, 8, stack("com.acme.B.b:1")));
        builder.onChunk(chunk(RUN, 1, 0, 10, null));
        Analysis a = builder.finish(List.of("a.jfr"));
        assertThat(a.leaked()).isEqualTo(1);
        assertThat(a.pairing().count(Verdict.IN_FLIGHT)).isEqualTo(1);
        assertThat(a.leakSites()).extracting(s -> s.site()).containsExactly("com.acme.A.a(A.java:1)");
        assertThat(a.losses()).isEmpty();
    }

    @Test
    void aDataLossMakesItsChunkALossWindowAndAnUnreadChunkWithoutTimesCoversEverything() {
        AnalysisBuilder builder = new AnalysisBuilder(new AnalysisOptions(Duration.ofSeconds(1), List.of(),
                List.of()));
        builder.onEvent(opened(1, 2, stack("com.acme.A.a:1")));
        builder.onEvent(new RecordedEvent.DataLoss(RUN, T0 + 12 * S, 4096));
        builder.onChunk(chunk(RUN, 1, 0, 10, null));
        builder.onChunk(chunk(RUN, 2, 10, 20, null)); // the loss was in chunk 1 only
        builder.onChunk(new ChunkFacts("b.jfr", 7, 0, 0, null, ChunkFacts.Outcome.TRUNCATED, "cut"));
        Analysis a = builder.finish(List.of("a.jfr", "b.jfr"));

        assertThat(a.losses()).containsExactly(
                new LossWindow(RUN, T0, T0 + 12 * S, "jdk.DataLoss (4096 bytes lost) in a.jfr chunk 1"),
                new LossWindow(null, 0, Long.MAX_VALUE, "b.jfr chunk 7 truncated"));
        assertThat(a.pairing().count(Verdict.UNCERTAIN)).isEqualTo(1);
        assertThat(a.leaked()).isZero();
        assertThat(a.leakSites()).isEmpty();
    }

    @Test
    void threadEventsGoToTheThreadFindingsAndLeaklineEventsAreCounted() {
        AnalysisBuilder builder = new AnalysisBuilder(new AnalysisOptions(Duration.ofSeconds(5), List.of(),
                List.of("my-pool-*"), true));
        builder.onEvent(opened(1, 1, stack("com.acme.A.a:1")));
        builder.onEvent(drained(1, 2));
        builder.onEvent(closed(1, 2, true));
        builder.onEvent(new RecordedEvent.ConnectionReleased(RUN, T0 + 2 * S, 5, "p", "pooled", 1));
        builder.onEvent(new RecordedEvent.ThreadStarted(RUN, T0 + S, 30, "my-pool-1", 1, "main", List.of()));
        builder.onEvent(new RecordedEvent.ThreadStarted(RUN, T0 + S, 31, "OkHttp Dispatcher", 1, "main",
                stack("com.acme.A.a:9")));
        builder.onChunk(chunk(RUN, 1, 0, 10, null));
        Analysis a = builder.finish(List.of("a.jfr"));

        assertThat(a.leaklineEvents()).isEqualTo(4);
        assertThat(a.options().keepCleanResponses()).isTrue();
        assertThat(a.pairing().responses()).singleElement().satisfies(r -> {
            assertThat(r.verdict()).isEqualTo(Verdict.CLEAN);
            assertThat(r.connectionOutcome()).isEqualTo("pooled");
        });
        assertThat(a.threads().recorded()).isTrue();
        assertThat(a.threads().started()).isEqualTo(2);
        assertThat(a.threads().ignoredAlive()).isEqualTo(1);
        assertThat(a.threads().aliveCount()).isEqualTo(1);
        assertThat(a.threads().aliveAtEnd().get(0).namePattern()).isEqualTo("OkHttp Dispatcher");
    }

    @Test
    void releasesThatNeverFindTheirResponseAreDroppedWithAWarning() {
        AnalysisBuilder builder = new AnalysisBuilder(AnalysisOptions.defaults());
        for (long id = 1; id <= (1 << 16) + 3; id++) {
            builder.onEvent(new RecordedEvent.ConnectionReleased(RUN, T0, 5, "p", "pooled", id));
        }
        builder.onChunk(chunk(RUN, 1, 0, 10, null));
        Analysis a = builder.finish(List.of("a.jfr"));
        assertThat(a.warnings()).containsExactly("3 leakline.ConnectionReleased events found no response (opened"
                + " before the recording, in a lost chunk, or finished long before) and were dropped; verdicts are"
                + " unaffected");
    }

    @Test
    void optionsRejectANegativeMinimumAge() {
        assertThatThrownBy(() -> new AnalysisOptions(Duration.ofMillis(-1), List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("minAge must be zero or positive, was PT-0.001S");
        assertThatThrownBy(() -> new AnalysisOptions(null, List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(AnalysisOptions.defaults()).isEqualTo(new AnalysisOptions(Duration.ofSeconds(5), List.of(),
                List.of(), false));
        assertThat(new AnalysisOptions(Duration.ZERO, List.of(), List.of()).minAge()).isZero();
    }
}
