package dev.leakline.analyzer.analysis;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.leakline.analyzer.pairing.LossWindow;
import dev.leakline.analyzer.pairing.Pairing;
import dev.leakline.analyzer.pairing.PairingResult;
import dev.leakline.analyzer.read.BadInputException;
import dev.leakline.analyzer.read.ChunkFacts;
import dev.leakline.analyzer.read.JvmInfo;
import dev.leakline.analyzer.read.JvmRun;
import dev.leakline.analyzer.read.RecordedEvent;
import dev.leakline.analyzer.read.RecordingListener;
import dev.leakline.analyzer.read.RecordingReader;
import dev.leakline.analyzer.sites.FrameFilter;
import dev.leakline.analyzer.sites.Site;
import dev.leakline.analyzer.sites.Sites;
import dev.leakline.analyzer.threads.ThreadFindings;
import dev.leakline.analyzer.threads.ThreadIgnoreList;
import dev.leakline.analyzer.threads.ThreadTracker;
import dev.leakline.analyzer.timeline.Progress;

/** Reads recordings and turns them into an {@link Analysis}. */
public final class Analyzer {
    /** Chunks of one run further apart than this leave a gap where a chunk may be missing. */
    private static final long GAP_NANOS = 1_000_000_000L;

    private final RecordingReader reader;
    private final AnalysisOptions options;
    private final boolean progress;

    public Analyzer(RecordingReader reader, AnalysisOptions options) {
        this(reader, options, false);
    }

    /**
     * @param progress draw a progress bar per file on standard error while reading; it is drawn only when a person
     *                 is watching ({@link Progress#onStderr}), so the commands can always ask for it
     */
    public Analyzer(RecordingReader reader, AnalysisOptions options, boolean progress) {
        this.reader = reader;
        this.options = options;
        this.progress = progress;
    }

    /**
     * Analyzes the inputs together (files of one JVM run pair with each other).
     *
     * @throws BadInputException when no input could be read at all; inputs that fail while others succeed become
     *                           warnings
     */
    public Analysis analyze(List<Path> inputs) throws BadInputException {
        Collector collector = new Collector(new Pairing(options.minAge(), !options.keepCleanResponses()));
        BadInputException firstFailure = null;
        int readInputs = 0;
        for (Path input : inputs) {
            try {
                reader.read(input, collector);
                readInputs++;
            } catch (BadInputException e) {
                collector.endProgress();
                if (firstFailure == null) {
                    firstFailure = e;
                }
                collector.warnings.add(e.getMessage() + "; skipped");
            }
        }
        collector.endProgress();
        if (readInputs == 0) {
            if (inputs.size() == 1 && firstFailure != null) {
                throw firstFailure;
            }
            throw new BadInputException("none of the " + inputs.size() + " inputs could be read: "
                    + (firstFailure == null ? "" : firstFailure.getMessage()), firstFailure);
        }
        return collector.finish(inputs);
    }

    private final class Collector implements RecordingListener {
        final Pairing pairing;
        final ThreadTracker threads = new ThreadTracker();
        final List<ChunkFacts> chunks = new ArrayList<>();
        final List<LossWindow> losses = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();
        final List<RecordedEvent.DataLoss> chunkLosses = new ArrayList<>();
        long leaklineEvents;
        Progress bar;
        String barSource;

        Collector(Pairing pairing) {
            this.pairing = pairing;
        }

        @Override
        public void onProgress(String source, long bytesDone, long bytesTotal) {
            if (!progress) {
                return;
            }
            if (!source.equals(barSource)) {
                endProgress();
                barSource = source;
                bar = Progress.onStderr(Path.of(source).getFileName().toString(), bytesTotal);
            }
            bar.advanceTo(bytesDone);
        }

        void endProgress() {
            if (bar != null) {
                bar.close();
                bar = null;
                barSource = null;
            }
        }

        @Override
        public void onEvent(RecordedEvent event) {
            if (event instanceof RecordedEvent.DataLoss loss) {
                chunkLosses.add(loss);
            } else if (event instanceof RecordedEvent.ResponseOpened || event instanceof RecordedEvent.ResponseDrained
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
            for (RecordedEvent.DataLoss loss : chunkLosses) {
                losses.add(new LossWindow(chunk.run(), chunk.startNanos(), Math.max(chunk.endNanos(), loss.timeNanos()),
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

        Analysis finish(List<Path> inputs) {
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
            FrameFilter filter = FrameFilter.withExtraPrefixes(options.skipFrames());
            List<Site> sites = Sites.group(paired, filter);
            ThreadFindings found = threads.finish(filter, ThreadIgnoreList.withExtra(options.ignoreThreads()), sites);
            return new Analysis(inputs.stream().map(Path::toString).toList(), options, runs, chunks, losses,
                    leaklineEvents, paired, sites, found, warnings);
        }
    }
}
