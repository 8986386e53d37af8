package dev.leakline.analyzer.read;

import dev.leakline.engine.event.ChunkFacts;
import dev.leakline.engine.event.JvmRun;
import dev.leakline.engine.event.RecordedEvent;
import dev.leakline.engine.event.RecordingListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmc.flightrecorder.internal.FlightRecordingLoader;

import dev.leakline.analyzer.TestRecordings;
import dev.leakline.jfr.Actor;
import dev.leakline.jfr.Leakline;
import dev.leakline.jfr.ReleaseOutcome;
import dev.leakline.jfr.TrackedResponse;

/**
 * The reader parses on a thread of its own and hands the records over in batches ({@link ReadPipeline}): the
 * listener must still get exactly what the parser extension converts, in the parser's order, on the caller's thread,
 * and what the listener throws must end the reading as it did when the engine ran on the parser's thread.
 */
class ReadPipelineTest {
    /** Enough responses that the records cross many batches. */
    private static final int RESPONSES = 3 * ReadPipeline.BATCH * ReadPipeline.BATCHES / 4;

    @TempDir
    Path dir;

    @Test
    void deliversWhatTheParserConvertsInItsOrderOnTheCallersThread() throws Exception {
        Path file = traffic("order.jfr");
        // The reference: the parser extension alone over the same one-chunk recording, on this thread.
        List<RecordedEvent> expected = new ArrayList<>();
        ChunkSinks sinks = new ChunkSinks(expected::add, null);
        try (InputStream in = Files.newInputStream(file)) {
            FlightRecordingLoader.loadStream(in, List.of(sinks), false, false);
        }
        sinks.finish(new JvmRun(0, -1));
        assertThat(expected).filteredOn(RecordedEvent.ResponseOpened.class::isInstance).hasSize(RESPONSES);

        List<Object> calls = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        RecordingReader.jmc().read(file, new RecordingListener() {
            @Override
            public void onEvent(RecordedEvent event) {
                calls.add(event);
                threads.add(Thread.currentThread());
            }

            @Override
            public void onChunk(ChunkFacts chunk) {
                calls.add(chunk);
                threads.add(Thread.currentThread());
            }

            @Override
            public void onWarning(String message) {
                calls.add(message);
                threads.add(Thread.currentThread());
            }
        });

        // Every record in the parser's order; the chunk's threads (ThreadSeen, from a map at the chunk's end) last, in
        // no set order; then the chunk's facts.
        int seen = (int) expected.stream().filter(RecordedEvent.ThreadSeen.class::isInstance).count();
        int converted = expected.size() - seen;
        assertThat(seen).isPositive();
        assertThat(calls).hasSize(expected.size() + 1);
        // The reader counts the chunk to its JVM as RunIdentities decides (one run object for all), which the parser
        // extension alone does not: records are compared without their run.
        assertThat(withoutRun(calls.subList(0, converted))).containsExactlyElementsOf(
                withoutRun(expected.subList(0, converted)));
        assertThat(withoutRun(calls.subList(converted, expected.size())))
                .containsExactlyInAnyOrderElementsOf(withoutRun(expected.subList(converted, expected.size())));
        assertThat(calls.subList(0, expected.size())).extracting(e -> ((RecordedEvent) e).run()).containsOnly(
                ((RecordedEvent) calls.get(0)).run());
        assertThat(calls.get(expected.size())).isInstanceOfSatisfying(ChunkFacts.class,
                facts -> assertThat(facts.wasRead()).isTrue());
        assertThat(threads).containsOnly(Thread.currentThread());
    }

    @Test
    void anExceptionOfTheListenerOnARecordEndsTheReadingAtTheEndOfItsChunk() throws Exception {
        Path file = traffic("throws.jfr");
        IllegalArgumentException thrown = new IllegalArgumentException("engine bug");
        int[] eventsAfter = {0};
        boolean[] chunkReported = {false};
        assertThatThrownBy(() -> RecordingReader.jmc().read(file, new RecordingListener() {
            private boolean threw;

            @Override
            public void onEvent(RecordedEvent event) {
                if (threw) {
                    eventsAfter[0]++;
                } else if (event instanceof RecordedEvent.ResponseClosed) {
                    threw = true;
                    throw thrown;
                }
            }

            @Override
            public void onChunk(ChunkFacts chunk) {
                chunkReported[0] = true;
            }

            @Override
            public void onWarning(String message) {
            }
        })).isInstanceOf(IllegalStateException.class)
                .hasMessage("analyzing chunk 1 of " + file + " failed")
                .hasCause(thrown);
        // As before: the rest of the chunk's records were still delivered, and the chunk was not reported as read.
        assertThat(eventsAfter[0]).isGreaterThan(RESPONSES);
        assertThat(chunkReported[0]).isFalse();
        assertNoReaderThreadLeft();
    }

    @Test
    void anExceptionOfTheListenerOnAChunkEndsTheReadingAtOnce() throws Exception {
        Path file = TestRecordings.concat(dir.resolve("two.jfr"), traffic("a.jfr"), traffic("b.jfr"));
        IllegalStateException thrown = new IllegalStateException("report bug");
        int[] chunks = {0};
        assertThatThrownBy(() -> RecordingReader.jmc().read(file, new RecordingListener() {
            @Override
            public void onEvent(RecordedEvent event) {
            }

            @Override
            public void onChunk(ChunkFacts chunk) {
                chunks[0]++;
                throw thrown;
            }

            @Override
            public void onWarning(String message) {
            }
        })).isSameAs(thrown);
        assertThat(chunks[0]).isEqualTo(1);
        assertNoReaderThreadLeft();
    }

    @Test
    void theHeapRunningOutInTheEngineIsReportedAsTheChunkNeedingMoreMemory() throws Exception {
        Path file = traffic("heap.jfr");
        int[] chunks = {0};
        // The listener's own OutOfMemoryError, thrown where the engine's allocation would fail: as when the engine ran
        // on the parser's thread, the user is told which chunk to give more heap (exit 2), not an internal error.
        assertThatThrownBy(() -> RecordingReader.jmc().read(file, new RecordingListener() {
            @Override
            public void onEvent(RecordedEvent event) {
                if (event instanceof RecordedEvent.ResponseClosed) {
                    throw new OutOfMemoryError("Java heap space");
                }
            }

            @Override
            public void onChunk(ChunkFacts chunk) {
                chunks[0]++;
            }

            @Override
            public void onWarning(String message) {
            }
        })).isInstanceOf(BadInputException.class)
                .hasMessage(file + ": not enough memory to parse chunk 1 (" + Files.size(file) / (1024 * 1024)
                        + " MB); give the analyzer more heap (-Xmx1g; with ./leakline: LEAKLINE_JAVA_OPTS=-Xmx1g)")
                .hasCauseInstanceOf(OutOfMemoryError.class);
        assertThat(chunks[0]).isZero();
        assertNoReaderThreadLeft();
    }

    /** A recording of {@link #RESPONSES} responses on two threads, each opened, drained, closed and released. */
    private Path traffic(String name) throws Exception {
        return TestRecordings.record(dir, name, () -> {
            Thread other = new Thread(() -> respond(RESPONSES / 2), "other-client");
            other.start();
            respond(RESPONSES - RESPONSES / 2);
            other.join();
        });
    }

    private static void respond(int count) {
        for (int i = 0; i < count; i++) {
            TrackedResponse r = Leakline.responseOpened("lib", 7, "GET", "http://h/" + i, 200, "HTTP/1.1", 3);
            r.bodyRead(3);
            r.bodyDrained(Actor.APPLICATION);
            r.closed(Actor.APPLICATION);
            Leakline.connectionReleased(7, "pool", ReleaseOutcome.POOLED, r.id());
        }
    }

    /** Each record as text, its run left out. */
    private static List<String> withoutRun(List<?> events) {
        return events.stream().map(e -> e.toString().replace("run=" + ((RecordedEvent) e).run() + ", ", "")).toList();
    }

    private static void assertNoReaderThreadLeft() throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (readerThreadAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(readerThreadAlive()).as("a leakline-reader thread still running").isFalse();
    }

    private static boolean readerThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("leakline-reader") && t.isAlive());
    }
}
