package dev.leakline.engine.analysis;

import static dev.leakline.engine.Records.RUN;
import static dev.leakline.engine.Records.S;
import static dev.leakline.engine.Records.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.leakline.engine.event.ChunkFacts;
import dev.leakline.engine.event.Frame;
import dev.leakline.engine.event.RecordedEvent;
import dev.leakline.engine.pairing.Response;
import dev.leakline.engine.pairing.Verdict;
import dev.leakline.engine.timeline.GroupSeries;
import dev.leakline.engine.timeline.ResponseSpan;
import dev.leakline.engine.timeline.Timeline;
import dev.leakline.engine.timeline.TimelineAccumulator;
import dev.leakline.engine.timeline.TimelineInput;
import dev.leakline.engine.timeline.TimelineSeries;

/**
 * The builder charts the timeline while it reads (each chunk lets the sweep move on): with clean responses folded
 * away, the same series as the whole-list computation over an analysis that kept them, under the pool the
 * connections' releases named.
 */
class ChartWhileBuildingTest {
    private static final List<Frame> STACK = List.of(new Frame("com.acme.Jobs", "fetch", 12));
    private static final int CHUNKS = 6;
    private static final long CHUNK_SECONDS = 20;

    /** Per chunk: clean responses on two pooled connections, an unread close, a leak, and a drain read late. */
    private static List<List<RecordedEvent>> chunks() {
        List<List<RecordedEvent>> chunks = new ArrayList<>();
        long id = 1;
        for (int c = 0; c < CHUNKS; c++) {
            List<RecordedEvent> events = new ArrayList<>();
            long base = T0 + c * CHUNK_SECONDS * S;
            for (int k = 0; k < 30; k++, id++) {
                long at = base + k * 600_000_000L;
                // The opens name no pool (as before the field existed): the connections' releases name it.
                String pool = null;
                // The leak and the unread close use a connection of their own that no release names.
                long connection = k == 7 || k == 11 ? 0 : 1 + id % 2;
                events.add(new RecordedEvent.ResponseOpened(RUN, at, 7, "worker-1", id, connection, "okhttp", "GET",
                        "http://svc:80/x", 200, "HTTP/1.1", 100, STACK, pool));
                if (k == 7) {
                    continue; // never finished: a leak
                }
                if (k == 11) {
                    events.add(new RecordedEvent.ResponseClosed(RUN, at + 300_000_000L, 7, id, 0, false,
                            "application")); // closed unread: judged at the end, finished here
                    continue;
                }
                events.add(new RecordedEvent.ResponseClosed(RUN, at + 900_000_000L, 7, id, 100, true,
                        "application"));
                events.add(new RecordedEvent.ConnectionReleased(RUN, at + 910_000_000L, connection, "pool-a",
                        "pooled", id));
                // The drain, written by another thread, is read after the close although it came first: had the
                // close ended the response, it would overlap the next one.
                events.add(new RecordedEvent.ResponseDrained(RUN, at + 100_000_000L, 8, id, 100, "application"));
            }
            chunks.add(events);
        }
        return chunks;
    }

    private static Analysis build(boolean keepClean, TimelineAccumulator timeline) {
        return build(keepClean, timeline, AnalysisOptions.DEFAULT_MIN_AGE);
    }

    private static Analysis build(boolean keepClean, TimelineAccumulator timeline, Duration minAge) {
        AnalysisBuilder builder = new AnalysisBuilder(new AnalysisOptions(minAge, List.of(), List.of(), keepClean,
                List.of()));
        if (timeline != null) {
            builder.chartTimeline(timeline);
        }
        List<List<RecordedEvent>> chunks = chunks();
        for (int c = 0; c < chunks.size(); c++) {
            chunks.get(c).forEach(builder::onEvent);
            builder.onChunk(new ChunkFacts("a.jfr", c + 1, T0 + c * CHUNK_SECONDS * S,
                    T0 + (c + 1) * CHUNK_SECONDS * S, RUN, ChunkFacts.Outcome.READ, null));
            if (timeline != null) {
                // Swept up to two seconds behind the chunk's end, whatever the minimum age: the chunk's last change
                // (the last response's finish, its drain 17.5 s into the chunk) is swept, so nothing waits.
                assertThat(timeline.pendingChanges()).as("after chunk " + (c + 1)).isZero();
            }
        }
        return builder.finish(List.of("a.jfr"));
    }

    @Test
    void chartedWhileReadingEqualsTheWholeList() {
        long end = T0 + CHUNKS * CHUNK_SECONDS * S;
        TimelineAccumulator accumulator = new TimelineAccumulator(T0, end, 30, s -> s);
        Analysis folded = build(false, accumulator);
        Timeline got = accumulator.finish(folded.pairing().responses(), List.of(), false);

        Analysis kept = build(true, null);
        List<ResponseSpan> spans = new ArrayList<>();
        for (Response r : kept.pairing().responses()) {
            long finished = r.drainedNanos() < 0 ? r.closedNanos()
                    : r.closedNanos() < 0 ? r.drainedNanos() : Math.min(r.drainedNanos(), r.closedNanos());
            spans.add(new ResponseSpan(instant(r.openedNanos()), finished < 0 ? null : instant(finished),
                    "pool pool-a", r.verdict() == Verdict.LEAKED, r.connectionId()));
        }
        Timeline want = TimelineSeries.compute(new TimelineInput(instant(T0), instant(end), spans, List.of()), 30);

        assertThat(kept.pairing().responses()).hasSize(CHUNKS * 30);
        assertThat(folded.pairing().responses()).hasSize(CHUNKS * 2); // the leak and the unread close per chunk
        assertThat(accumulator.lateSpans()).isZero();
        assertThat(accumulator.lateFinishes()).isZero();
        assertThat(accumulator.sweptChanges()).isEqualTo(2L * CHUNKS * 30 - CHUNKS);
        assertThat(got.groups()).isEqualTo(want.groups());
        assertThat(got.groups().get(0).group()).isEqualTo("pool pool-a");
        assertThat(got.groups().get(0).leakedAccumulated().last()).isEqualTo(CHUNKS);
    }

    /**
     * The sweep does not wait for the minimum age: with a minute of it, nothing of a chunk but its last two seconds
     * waits either (it kept a minute of changes before, checked after each chunk in {@link #build}), and the
     * outstanding and connections-held series are the same as with the default (the leaked one differs: with a
     * minute, fewer responses are old enough to be leaks).
     */
    @Test
    void aLongMinimumAgeKeepsNoMoreChangesWaiting() {
        long end = T0 + CHUNKS * CHUNK_SECONDS * S;
        TimelineAccumulator shortAge = new TimelineAccumulator(T0, end, 30, s -> s);
        TimelineAccumulator longAge = new TimelineAccumulator(T0, end, 30, s -> s);
        GroupSeries want = shortAge.finish(build(false, shortAge).pairing().responses(), List.of(), false).groups()
                .get(0);
        GroupSeries got = longAge.finish(build(false, longAge, Duration.ofMinutes(1)).pairing().responses(),
                List.of(), false).groups().get(0);

        assertThat(got.outstanding()).isEqualTo(want.outstanding());
        assertThat(got.connectionsHeld()).isEqualTo(want.connectionsHeld());
        // Each chunk's leak is opened 4.2 s into it; the recording ends 120 s in: with a minute, only the first three
        // are old enough.
        assertThat(got.leakedAccumulated().last()).isEqualTo(3);
        assertThat(want.leakedAccumulated().last()).isEqualTo(CHUNKS);
        assertThat(longAge.lateSpans()).isZero();
        assertThat(longAge.lateFinishes()).isZero();
    }

    private static Instant instant(long nanos) {
        return Instant.ofEpochSecond(nanos / S, nanos % S);
    }
}
