package dev.leakline.engine.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.leakline.engine.event.ChunkFacts;
import dev.leakline.engine.event.JvmInfo;
import dev.leakline.engine.event.JvmRun;
import dev.leakline.engine.event.RecordedEvent;
import dev.leakline.engine.event.RecordingListener;
import dev.leakline.engine.pairing.LossWindow;
import dev.leakline.engine.pairing.Pairing;
import dev.leakline.engine.pairing.PairingResult;
import dev.leakline.engine.sites.FrameFilter;
import dev.leakline.engine.sites.Site;
import dev.leakline.engine.sites.Sites;
import dev.leakline.engine.threads.ThreadFindings;
import dev.leakline.engine.threads.ThreadIgnoreList;
import dev.leakline.engine.threads.ThreadTracker;
import dev.leakline.engine.timeline.TimelineAccumulator;

/**
 * Turns a stream of event records, chunk by chunk, into an {@link Analysis}: the one place where events become
 * verdicts, sites and thread findings, whatever read them (JMC's parser for files, {@code jdk.jfr.consumer} in a
 * test, JMC's item collections in its rule engine, a live stream). Not thread-safe: one reader feeds it.
 */
public final class AnalysisBuilder implements RecordingListener {
    /** Chunks of one run further apart than this leave a gap where a chunk may be missing. */
    private static final long GAP_NANOS = 1_000_000_000L;
    /**
     * How far behind a chunk's end the timeline's sweep stays. An event lands in the chunk open when its thread's buffer
     * is flushed, and a rotation flushes every buffer into the chunk it ends, so a later chunk holds only events a
     * hair older than its start: two seconds is far behind anything still to be read. The minimum age plays no part
     * (the pairing tells each open and finish as it reads them); it used to be added, which kept that many more
     * seconds of changes waiting (with --min-age 60s, a minute of the traffic's, at 16 bytes each).
     */
    private static final long SWEEP_LAG_NANOS = 2_000_000_000L;

    private final AnalysisOptions options;
    private final Pairing pairing;
    private final ThreadTracker threads = new ThreadTracker();
    private final List<ChunkFacts> chunks = new ArrayList<>();
    private final List<LossWindow> losses = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<RecordedEvent.DataLoss> chunkLosses = new ArrayList<>();
    private long leaklineEvents;
    private TimelineAccumulator timeline;

    /** A builder that judges with these options. */
    public AnalysisBuilder(AnalysisOptions options) {
        this.options = options;
        this.pairing = new Pairing(options.minAge(), !options.keepCleanResponses());
    }

    /**
     * Also charts the timeline while reading: every response's open and first finish go to {@code timeline} as they
     * are read, and it sweeps what the reader has passed after every chunk; the caller finishes it with the analysis.
     */
    public void chartTimeline(TimelineAccumulator timeline) {
        this.timeline = timeline;
        pairing.onSpan(new Pairing.SpanListener() {
            @Override
            public void opened(RecordedEvent.ResponseOpened opened, String pool, int connection) {
                timeline.opened(opened, pool, connection);
            }

            @Override
            public void finished(RecordedEvent.ResponseOpened opened, String pool, int connection,
                    long finishedNanos) {
                timeline.finished(opened, pool, connection, finishedNanos);
            }

            @Override
            public void finishedEarlier(RecordedEvent.ResponseOpened opened, String pool, int connection,
                    long wasNanos, long finishedNanos) {
                timeline.finishedEarlier(opened, pool, connection, wasNanos, finishedNanos);
            }

            @Override
            public void pooled(RecordedEvent.ResponseOpened opened, String pool) {
                timeline.pooled(opened, pool);
            }
        });
    }

    @Override
    public void onEvent(RecordedEvent event) {
        if (event instanceof RecordedEvent.DataLoss loss) {
            chunkLosses.add(loss);
        } else if (event instanceof RecordedEvent.RequestStarted || event instanceof RecordedEvent.ResponseOpened
                || event instanceof RecordedEvent.ResponseDrained
                || event instanceof RecordedEvent.ResponseClosed
                || event instanceof RecordedEvent.ConnectionReleased) {
            leaklineEvents++;
            pairing.accept(event);
        } else {
            threads.accept(event);
        }
    }

    @Override
    public void onChunk(ChunkFacts chunk) {
        chunks.add(chunk);
        if (timeline != null && chunk.wasRead()) {
            // Chunks come in file order and the next one starts where this one ends (see SWEEP_LAG_NANOS).
            timeline.advance(chunk.endNanos() - SWEEP_LAG_NANOS);
        }
        for (RecordedEvent.DataLoss loss : chunkLosses) {
            // JFR writes jdk.DataLoss when it drops a buffer, so only events written before it can be missing: the
            // window ends at the loss, and a response opened after the run's last loss is judged with certainty.
            // It starts at the chunk's start: a rotation flushes every buffer into the chunk it ends.
            long from = Math.min(chunk.startNanos(), loss.timeNanos());
            losses.add(new LossWindow(chunk.run(), from, loss.timeNanos(),
                    "jdk.DataLoss (" + loss.bytesLost() + " bytes lost) in " + chunk.source() + " chunk "
                            + chunk.index()));
        }
        chunkLosses.clear();
        if (!chunk.wasRead()) {
            long from = chunk.startNanos() > 0 ? chunk.startNanos() : 0;
            long to = chunk.endNanos() > chunk.startNanos() ? chunk.endNanos() : Long.MAX_VALUE;
            losses.add(new LossWindow(chunk.run(), from, to, chunk.source() + " chunk " + chunk.index() + " "
                    + chunk.outcome().name().toLowerCase(java.util.Locale.ROOT)));
        }
    }

    @Override
    public void onWarning(String message) {
        warnings.add(message);
    }

    /**
     * Judges what was delivered, as of the end of each run's recording.
     *
     * @param sources the inputs, as the user named them, for the report
     */
    public Analysis finish(List<String> sources) {
        if (timeline != null) {
            // The reading is over: the timeline sweeps what waits and lets go of its per-connection counts before the
            // verdicts and sites are worked out (with a million leaks, 8 bytes each that those need more).
            timeline.advance(Long.MAX_VALUE);
        }
        Map<JvmRun, List<ChunkFacts>> byRun = new LinkedHashMap<>();
        for (ChunkFacts chunk : chunks) {
            if (chunk.wasRead()) {
                byRun.computeIfAbsent(chunk.run(), r -> new ArrayList<>()).add(chunk);
            }
        }
        List<RunFacts> runs = new ArrayList<>();
        Map<JvmRun, Long> ends = new HashMap<>();
        for (Map.Entry<JvmRun, List<ChunkFacts>> entry : byRun.entrySet()) {
            List<ChunkFacts> list = new ArrayList<>(entry.getValue());
            list.sort(Comparator.comparingLong(ChunkFacts::startNanos));
            long start = list.get(0).startNanos();
            long end = list.stream().mapToLong(ChunkFacts::endNanos).max().orElse(start);
            for (int i = 1; i < list.size(); i++) {
                long previousEnd = list.get(i - 1).endNanos();
                long nextStart = list.get(i).startNanos();
                if (nextStart - previousEnd > GAP_NANOS) {
                    losses.add(new LossWindow(entry.getKey(), previousEnd, nextStart, "gap of "
                            + (nextStart - previousEnd) / 1_000_000 + " ms between chunks (a chunk may be missing)"));
                }
            }
            // Chunks of the run that could not be read still tell how far the recording went: a close may be in
            // them, so responses are judged (and their uncertainty measured) up to their end.
            for (ChunkFacts unread : chunks) {
                if (!unread.wasRead() && entry.getKey().equals(unread.run()) && unread.endNanos() > end) {
                    end = unread.endNanos();
                }
            }
            // Every chunk repeats jdk.JVMInformation; the first that has it speaks for the run.
            JvmInfo jvm = list.stream().map(ChunkFacts::jvm).filter(java.util.Objects::nonNull).findFirst()
                    .orElse(null);
            runs.add(new RunFacts(entry.getKey(), start, end, list.size(), jvm));
            ends.put(entry.getKey(), end);
        }
        runs.sort(Comparator.comparingLong(RunFacts::startNanos));
        PairingResult paired = pairing.finish(ends, losses);
        if (pairing.droppedReleases() > 0) {
            warnings.add(pairing.droppedReleases() + " leakline.ConnectionReleased events found no response"
                    + " (opened before the recording, in a lost chunk, or finished long before) and were dropped;"
                    + " verdicts are unaffected");
        }
        if (pairing.duplicateOpens() > 0) {
            warnings.add(pairing.duplicateOpens() + " leakline.ResponseOpened events reused a response id of their JVM"
                    + " run: the inputs mix JVMs that could not be told apart (no jdk.JVMInformation), so some responses"
                    + " may be paired with another JVM's events; record with settings=default, or analyze each JVM's"
                    + " files apart");
        }
        FrameFilter filter = FrameFilter.of(options.skipFrames(), appPackages(runs));
        List<Site> sites = Sites.group(paired, filter);
        ThreadFindings found = threads.finish(filter, ThreadIgnoreList.withExtra(options.ignoreThreads()), sites);
        if (threads.unattributedEnds() > 0) {
            warnings.add(threads.unattributedEnds() + " jdk.ThreadEnd events named no thread the recording knows (by"
                    + " id or name); some threads listed as alive at the end may have ended");
        }
        if (threads.inferredEnds() > 0) {
            warnings.add(threads.inferredEnds() + " jdk.ThreadEnd events named no thread (JDK 17 writes them so for a"
                    + " thread that ends during a chunk rotation); each was counted to an alive thread of the only"
                    + " kind that could have ended then");
        }
        return new Analysis(sources, options, runs, chunks, losses,
                leaklineEvents, paired, sites, found, warnings, filter);
    }

    /** The options' application packages; when they name none, the package of each run's main class. */
    private List<String> appPackages(List<RunFacts> runs) {
        if (!options.appPackages().isEmpty()) {
            return options.appPackages();
        }
        List<String> packages = new ArrayList<>();
        for (RunFacts run : runs) {
            String pkg = run.jvm() == null ? null : FrameFilter.mainClassPackage(run.jvm().mainClass());
            if (pkg != null && !packages.contains(pkg)) {
                packages.add(pkg);
            }
        }
        return packages;
    }

    /**
     * What was delivered so far, judged as of one moment, for a live view: unlike {@link #finish} it changes
     * nothing, so events may keep coming and it may be called again (and {@code finish} at the end). Every response
     * is judged up to {@code asOfNanos}, not up to the end of its run's last chunk; a {@code jdk.DataLoss} whose
     * chunk has not ended yet marks a window from the end of its run's last ended chunk (the loss itself when none
     * has ended) to the loss.
     *
     * @param asOfNanos when to judge, epoch nanoseconds on the recorded JVM's clock
     * @param sources   what is being read, as the user named it, for the report
     */
    public Analysis snapshot(long asOfNanos, List<String> sources) {
        List<LossWindow> soFar = new ArrayList<>(losses);
        for (RecordedEvent.DataLoss loss : chunkLosses) {
            long from = chunks.stream().filter(c -> loss.run().equals(c.run())).mapToLong(ChunkFacts::endNanos).max()
                    .orElse(loss.timeNanos());
            soFar.add(new LossWindow(loss.run(), Math.min(from, loss.timeNanos()), loss.timeNanos(),
                    "jdk.DataLoss (" + loss.bytesLost() + " bytes lost)"));
        }
        Map<JvmRun, RunFacts> runs = new LinkedHashMap<>();
        for (ChunkFacts chunk : chunks) {
            if (chunk.wasRead()) {
                RunFacts known = runs.get(chunk.run());
                runs.put(chunk.run(), known == null
                        ? new RunFacts(chunk.run(), chunk.startNanos(), chunk.endNanos(), 1, chunk.jvm())
                        : new RunFacts(chunk.run(), Math.min(known.startNanos(), chunk.startNanos()),
                                Math.max(known.endNanos(), chunk.endNanos()), known.chunks() + 1,
                                known.jvm() != null ? known.jvm() : chunk.jvm()));
            }
        }
        PairingResult paired = pairing.snapshot(asOfNanos, soFar);
        List<RunFacts> runList = new ArrayList<>(runs.values());
        FrameFilter filter = FrameFilter.of(options.skipFrames(), appPackages(runList)); // as finish judges sites
        List<Site> sites = Sites.group(paired, filter);
        ThreadFindings found = threads.finish(filter, ThreadIgnoreList.withExtra(options.ignoreThreads()), sites);
        return new Analysis(sources, options, runList, chunks, soFar, leaklineEvents, paired, sites, found, warnings,
                filter);
    }
}
