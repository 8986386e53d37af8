package dev.leakline.analyzer.watch;

import dev.leakline.engine.jfr.JfrEventRecords;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.leakline.engine.analysis.Analysis;
import dev.leakline.engine.analysis.AnalysisBuilder;
import dev.leakline.engine.event.ChunkFacts;
import dev.leakline.engine.event.JvmInfo;
import dev.leakline.engine.event.JvmRun;
import dev.leakline.engine.event.RecordedEvent.ResponseOpened;
import dev.leakline.engine.event.RecordedEvent.ThreadSeen;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;

/**
 * Hands a live stream's events to the verdict engine as it hands a file's: each event converted at the boundary
 * ({@link JfrEventRecords}), and at each flush of the stream the per-segment facts a chunk gives: one
 * {@link ThreadSeen} per thread that wrote an event. A {@code jdk.DataLoss} ends a {@link ChunkFacts} at once,
 * spanning from the previous flush to the loss, so the loss marks the span in which events may be missing. (Only
 * then: a chunk per flush would make the engine's list of chunks grow by one a second for as long as watch runs.) The stream's thread feeds it while the view's thread takes
 * {@link #snapshot}s; one lock keeps the engine single-threaded, as it expects.
 *
 * <p>Verdicts are judged as of the stream's horizon, not the wall clock: the time of the last {@code jdk.Flush} event
 * received. The target writes one at each flush, after the thread buffers it flushes, so every event committed
 * before it has arrived. Judged as of "now" instead, a response whose close is still on its way (the stream brings
 * events a second or two late, an open and its close may travel in different flushes) would look leaked for a
 * moment.
 *
 * <p>An open stamped before the watch began is dropped: its response was opened before the attach, so it must never
 * be reported as a leak; its drain and close then become orphans, as for a recording that started late.
 */
final class LiveFeed {
    /** The event the target writes at each flush ({@link WatchSettings} enables it). */
    static final String FLUSH = "jdk.Flush";
    /** Written at the start of each chunk ({@link WatchSettings}): which JVM, and its main class. */
    static final String JVM_INFORMATION = "jdk.JVMInformation";

    private final Object lock = new Object();
    private final AnalysisBuilder engine;
    private final JvmRun run;
    private final long notBeforeNanos;
    private final String source;
    private final Map<Long, Object[]> threadsSeen = new HashMap<>();
    private long horizonNanos;
    private long segmentStart;
    private boolean jvmKnown;
    private int segments;
    private long events;
    private long openedBeforeWatch;

    /**
     * @param run            the JVM run being watched
     * @param notBeforeNanos opens before this (on the target's clock) are dropped
     * @param source         how the target is named in the analysis, e.g. {@code pid 4242}
     */
    LiveFeed(AnalysisBuilder engine, JvmRun run, long notBeforeNanos, String source) {
        this.engine = engine;
        this.run = run;
        this.notBeforeNanos = notBeforeNanos;
        this.source = source;
        this.segmentStart = notBeforeNanos;
        this.horizonNanos = notBeforeNanos;
    }

    /** One event from the stream. */
    void onEvent(RecordedEvent event) {
        dev.leakline.engine.event.RecordedEvent record = JfrEventRecords.convert(event, run);
        synchronized (lock) {
            events++;
            if (FLUSH.equals(event.getEventType().getName())) {
                horizonNanos = Math.max(horizonNanos, JfrEventRecords.nanos(event.getStartTime()));
                return;
            }
            if (!jvmKnown && JVM_INFORMATION.equals(event.getEventType().getName())) {
                // As a file's chunk tells its JVM: the main class's package is where the engine looks for the
                // application's frames, so the live view names the same sites as an analysis of the --dump.
                jvmKnown = true;
                engine.onChunk(new ChunkFacts(source, ++segments, notBeforeNanos, notBeforeNanos, run,
                        ChunkFacts.Outcome.READ, null, JvmInfo.of(event.getString("jvmName"),
                                event.getString("jvmVersion"), null, event.hasField("javaArguments")
                                        ? event.getString("javaArguments") : null)));
                return;
            }
            if (record instanceof ResponseOpened opened && opened.timeNanos() < notBeforeNanos) {
                openedBeforeWatch++;
                return;
            }
            if (record != null) {
                engine.onEvent(record);
                if (record instanceof dev.leakline.engine.event.RecordedEvent.DataLoss loss) {
                    engine.onChunk(new ChunkFacts(source, ++segments, segmentStart,
                            Math.max(segmentStart, loss.timeNanos()), run, ChunkFacts.Outcome.READ, null));
                }
            }
            RecordedThread thread = event.getThread();
            if (thread != null && thread.getJavaName() != null && !thread.getJavaName().isEmpty()) {
                // Virtual threads (no name) have no start/end events by default: seen-only they would look alive.
                threadsSeen.merge(thread.getJavaThreadId(), new Object[] {JfrEventRecords.nanos(event.getStartTime()),
                        thread.getJavaName()}, (old, now) -> (Long) old[0] >= (Long) now[0] ? old : now);
            }
        }
    }

    /** The stream flushed: what arrived so far is a segment, as a chunk is for a file. */
    void onFlush() {
        synchronized (lock) {
            for (Map.Entry<Long, Object[]> seen : threadsSeen.entrySet()) {
                engine.onEvent(new ThreadSeen(run, (Long) seen.getValue()[0], seen.getKey(),
                        (String) seen.getValue()[1]));
            }
            threadsSeen.clear();
            segmentStart = Math.max(segmentStart, horizonNanos);
        }
    }

    /** The verdicts as of the horizon, consuming nothing. */
    Analysis snapshot() {
        synchronized (lock) {
            return engine.snapshot(horizonNanos, List.of(source));
        }
    }

    /** Up to when every event has arrived: the last flush of the target seen, on its clock. */
    long horizonNanos() {
        synchronized (lock) {
            return horizonNanos;
        }
    }

    /** Events received so far (all types). */
    long events() {
        synchronized (lock) {
            return events;
        }
    }

    /** Opens dropped because they were stamped before the watch began. */
    long openedBeforeWatch() {
        synchronized (lock) {
            return openedBeforeWatch;
        }
    }
}
