package dev.leakline.junit;

import dev.leakline.engine.analysis.AnalysisBuilder;
import dev.leakline.engine.analysis.AnalysisOptions;
import dev.leakline.engine.event.ChunkFacts;
import dev.leakline.engine.event.JvmRun;
import dev.leakline.engine.event.RecordedEvent.ThreadStarted;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import jdk.jfr.consumer.EventStream;

/**
 * Reads what the JVM has recorded since a given instant, now, and hands it to the verdict engine.
 *
 * <p>Why not a {@code RecordingStream}: a stream sees events only after the JVM flushes them, once a
 * second at best (JDK 17 to 25 clamp the flush interval to 1 s), so a test would wait up to a second to
 * know it is clean. A snapshot ({@link FlightRecorder#takeSnapshot()}) rotates the disk chunk instead,
 * which writes every thread's buffered events at once; reading the chunks that cover the test then costs
 * a few milliseconds, mostly the parsing of the chunk's metadata.
 */
final class RecordingReader {
    /** This JVM: response ids restart in every JVM run, and the engine pairs by (run, id). */
    private static final JvmRun THIS_JVM = new JvmRun(
            ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli).orElse(0L),
            ProcessHandle.current().pid());

    private RecordingReader() {
    }

    /** The events recorded from about {@code from} until now, judged with {@code options}. */
    static Observed readSince(Instant from, AnalysisOptions options) throws IOException {
        Path file = Files.createTempFile("leakline-junit-", ".jfr");
        try {
            Instant end;
            try (Recording snapshot = FlightRecorder.getFlightRecorder().takeSnapshot();
                    InputStream in = snapshot.getStream(from, null)) {
                end = snapshot.getStopTime() == null ? Instant.now() : snapshot.getStopTime();
                if (in == null) {
                    return read(null, THIS_JVM, EventRecords.nanos(end), options);
                }
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return read(file, THIS_JVM, EventRecords.nanos(end), options);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /**
     * Reads a recording file through {@code jdk.jfr.consumer}: the Leakline events go to the verdict engine, thread
     * starts and test boundaries are kept for attribution. The file is one span of {@code run} that ends at
     * {@code endNanos} (or at its last event, if later): unfinished responses are judged as of then.
     *
     * @param file null for a read that found no data
     */
    static Observed read(Path file, JvmRun run, long endNanos, AnalysisOptions options) throws IOException {
        AnalysisBuilder engine = new AnalysisBuilder(options);
        Map<Long, ThreadStarted> threads = new HashMap<>();
        Map<Long, Instant> begins = new HashMap<>();
        Map<Long, Instant> ends = new HashMap<>();
        Map<Long, Long> beginThreads = new HashMap<>();
        long[] span = {Long.MAX_VALUE, endNanos};
        if (file != null) {
            try (EventStream events = EventStream.openFile(file)) {
                events.onEvent(e -> {
                    long time = EventRecords.nanos(e.getStartTime());
                    span[0] = Math.min(span[0], time);
                    span[1] = Math.max(span[1], time);
                });
                events.onEvent("leakline.RequestStarted", e -> engine.onEvent(EventRecords.started(e, run)));
                events.onEvent("leakline.ResponseOpened", e -> engine.onEvent(EventRecords.opened(e, run)));
                events.onEvent("leakline.ResponseDrained", e -> engine.onEvent(EventRecords.drained(e, run)));
                events.onEvent("leakline.ResponseClosed", e -> engine.onEvent(EventRecords.closed(e, run)));
                events.onEvent("leakline.ConnectionReleased", e -> engine.onEvent(EventRecords.released(e, run)));
                events.onEvent("jdk.DataLoss", e -> engine.onEvent(EventRecords.dataLoss(e, run)));
                events.onEvent("jdk.ThreadStart", e -> {
                    ThreadStarted started = EventRecords.threadStarted(e, run);
                    threads.put(started.javaThreadId(), started);
                    engine.onEvent(started);
                });
                events.onEvent(TestBoundaryEvent.NAME, e -> {
                    (e.getBoolean("end") ? ends : begins).put(e.getLong("run"), e.getStartTime());
                    if (!e.getBoolean("end") && e.getThread() != null) {
                        beginThreads.put(e.getLong("run"), e.getThread().getJavaThreadId());
                    }
                });
                events.start();
            }
        }
        long start = span[0] == Long.MAX_VALUE ? span[1] : span[0];
        String source = file == null ? "(no data)" : file.toString();
        engine.onChunk(new ChunkFacts(source, 1, start, span[1], run, ChunkFacts.Outcome.READ, null));
        return new Observed(engine.finish(List.of(source)), threads, begins, ends, beginThreads);
    }
}
