package dev.leakline.analyzer.read;

import dev.leakline.engine.event.RecordedEvent;
import dev.leakline.engine.event.Frame;
import dev.leakline.engine.event.JvmRun;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmc.flightrecorder.internal.EventArray;
import org.openjdk.jmc.flightrecorder.internal.EventArrays;
import org.openjdk.jmc.flightrecorder.internal.FlightRecordingLoader;

import dev.leakline.analyzer.TestRecordings;
import dev.leakline.jfr.Actor;
import dev.leakline.jfr.Leakline;
import dev.leakline.jfr.TrackedResponse;

/** The parser extension on a real recording: every field converted, nothing left in JMC's own collection. */
class ChunkSinksTest {
    @TempDir
    Path dir;

    @Test
    void convertsOurEventsAndLeavesJmcsCollectionEmpty() throws Exception {
        long[] id = new long[1];
        int[] line = new int[1];
        Path file = TestRecordings.record(dir, "sinks.jfr", () -> {
            TrackedResponse r = Leakline.responseOpened("lib", 42, "POST", "http://h:81/p", 201, "HTTP/2", 77); line[0] = new Throwable().getStackTrace()[0].getLineNumber();
            id[0] = r.id();
            r.bodyRead(77);
            r.bodyDrained(Actor.LIBRARY);
            r.closed(Actor.APPLICATION);
            Leakline.connectionReleased(42, "pool-x", dev.leakline.jfr.ReleaseOutcome.POOLED, r.id());
        });

        List<RecordedEvent> events = new java.util.ArrayList<>();
        ChunkSinks sinks = new ChunkSinks(events::add, null);
        EventArrays arrays;
        try (InputStream in = Files.newInputStream(file)) {
            arrays = FlightRecordingLoader.loadStream(in, List.of(sinks), false, false);
        }
        // The chunk names its JVM (jdk.JVMInformation) as it begins: events streamed while JMC parsed, before finish.
        assertThat(events).isNotEmpty();
        JvmRun run = sinks.finish(new JvmRun(0, -1));

        for (EventArray array : arrays.getArrays()) {
            assertThat(array.getEvents()).as(array.getType().getIdentifier()).isEmpty();
        }
        assertThat(sinks.conversionFailure()).isNull();
        assertThat(run.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(events).allSatisfy(e -> assertThat(e.run()).isEqualTo(run));
        assertThat(sinks.delivered()).isEqualTo(events.size());
        RecordedEvent.ResponseOpened opened = events.stream().filter(RecordedEvent.ResponseOpened.class::isInstance)
                .map(RecordedEvent.ResponseOpened.class::cast).filter(o -> o.responseId() == id[0]).findFirst()
                .orElseThrow();
        assertThat(opened.connectionId()).isEqualTo(42);
        assertThat(opened.client()).isEqualTo("lib");
        assertThat(opened.method()).isEqualTo("POST");
        assertThat(opened.uri()).isEqualTo("http://h:81/p");
        assertThat(opened.status()).isEqualTo(201);
        assertThat(opened.protocol()).isEqualTo("HTTP/2");
        assertThat(opened.contentLength()).isEqualTo(77);
        assertThat(opened.javaThreadId()).isEqualTo(Thread.currentThread().getId());
        assertThat(opened.stack()).contains(new Frame(ChunkSinksTest.class.getName(),
                "lambda$convertsOurEventsAndLeavesJmcsCollectionEmpty$0", line[0]));
        assertThat(events).filteredOn(RecordedEvent.ResponseDrained.class::isInstance).singleElement()
                .isEqualTo(new RecordedEvent.ResponseDrained(run,
                        ((RecordedEvent.ResponseDrained) events.stream()
                                .filter(RecordedEvent.ResponseDrained.class::isInstance).findFirst().orElseThrow())
                                .timeNanos(), Thread.currentThread().getId(), id[0], 77, "library"));
        assertThat(events).filteredOn(RecordedEvent.ResponseClosed.class::isInstance).singleElement()
                .satisfies(e -> {
                    RecordedEvent.ResponseClosed closed = (RecordedEvent.ResponseClosed) e;
                    assertThat(closed.drained()).isTrue();
                    assertThat(closed.bytesRead()).isEqualTo(77);
                    assertThat(closed.closedBy()).isEqualTo("application");
                    assertThat(closed.timeNanos()).isGreaterThanOrEqualTo(opened.timeNanos());
                });
        assertThat(events).filteredOn(RecordedEvent.ConnectionReleased.class::isInstance).singleElement()
                .satisfies(e -> {
                    RecordedEvent.ConnectionReleased released = (RecordedEvent.ConnectionReleased) e;
                    assertThat(released.connectionId()).isEqualTo(42);
                    assertThat(released.pool()).isEqualTo("pool-x");
                    assertThat(released.outcome()).isEqualTo("pooled");
                    assertThat(released.responseId()).isEqualTo(id[0]);
                });
    }

    @Test
    void withoutJvmInformationEventsAreHeldUntilTheLimitThenStreamAsThePreviousRun() throws Exception {
        Path file = dir.resolve("no-jvm-info.jfr");
        try (jdk.jfr.Recording recording = new jdk.jfr.Recording()) {
            recording.enable("leakline.ResponseOpened").withoutStackTrace();
            recording.start();
            for (int i = 0; i < ChunkSinks.HOLD_LIMIT + 500; i++) {
                Leakline.responseOpened("c", 0, "GET", "http://h/", 200, "HTTP/1.1", 0);
            }
            recording.stop();
            recording.dump(file);
        }
        JvmRun previous = new JvmRun(1234, 99);

        List<RecordedEvent> streamed = new java.util.ArrayList<>();
        ChunkSinks withPrevious = new ChunkSinks(streamed::add, previous);
        try (InputStream in = Files.newInputStream(file)) {
            FlightRecordingLoader.loadStream(in, List.of(withPrevious), false, false);
        }
        long beforeFinish = streamed.size();
        withPrevious.finish(new JvmRun(0, -1));

        List<RecordedEvent> held = new java.util.ArrayList<>();
        ChunkSinks first = new ChunkSinks(held::add, null);
        try (InputStream in = Files.newInputStream(file)) {
            FlightRecordingLoader.loadStream(in, List.of(first), false, false);
        }
        long heldBeforeFinish = held.size();
        JvmRun fallback = new JvmRun(777, -1);
        JvmRun run = first.finish(fallback);

        assertThat(beforeFinish).isGreaterThanOrEqualTo(ChunkSinks.HOLD_LIMIT);
        assertThat(streamed).allSatisfy(e -> assertThat(e.run()).isEqualTo(previous));
        assertThat(heldBeforeFinish).isZero();
        assertThat(run).isEqualTo(fallback);
        assertThat(held).hasSize(streamed.size()).allSatisfy(e -> assertThat(e.run()).isEqualTo(fallback));
    }
}
