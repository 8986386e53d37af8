package dev.leakline.analyzer.analysis;

import java.nio.file.Path;
import java.util.List;

import dev.leakline.analyzer.read.BadInputException;
import dev.leakline.analyzer.read.RecordingReader;
import dev.leakline.analyzer.timeline.Progress;
import dev.leakline.engine.analysis.Analysis;
import dev.leakline.engine.analysis.AnalysisBuilder;
import dev.leakline.engine.analysis.AnalysisOptions;
import dev.leakline.engine.event.ChunkFacts;
import dev.leakline.engine.event.RecordedEvent;
import dev.leakline.engine.event.RecordingListener;
import dev.leakline.engine.timeline.TimelineAccumulator;

/** Reads recording files with JMC's parser and hands their events to the verdict engine ({@link AnalysisBuilder}). */
public final class Analyzer {
    private final RecordingReader reader;
    private final AnalysisOptions options;
    private final boolean progress;
    private final TimelineAccumulator timeline;

    public Analyzer(RecordingReader reader, AnalysisOptions options) {
        this(reader, options, false);
    }

    /**
     * @param progress draw a progress bar per file on standard error while reading; it is drawn only when a person
     *                 is watching ({@link Progress#onStderr}), so the commands can always ask for it
     */
    public Analyzer(RecordingReader reader, AnalysisOptions options, boolean progress) {
        this(reader, options, progress, null);
    }

    /** @param timeline charts the timeline while reading (see {@link AnalysisBuilder#chartTimeline}); null for none */
    public Analyzer(RecordingReader reader, AnalysisOptions options, boolean progress, TimelineAccumulator timeline) {
        this.reader = reader;
        this.options = options;
        this.progress = progress;
        this.timeline = timeline;
    }

    /**
     * Analyzes the inputs together (files of one JVM run pair with each other).
     *
     * @throws BadInputException when no input could be read at all; inputs that fail while others succeed become
     *                           warnings
     */
    public Analysis analyze(List<Path> inputs) throws BadInputException {
        AnalysisBuilder builder = new AnalysisBuilder(options);
        if (timeline != null) {
            builder.chartTimeline(timeline);
        }
        ProgressListener collector = new ProgressListener(builder);
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
                builder.onWarning(e.getMessage() + "; skipped");
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
        return builder.finish(inputs.stream().map(Path::toString).toList());
    }

    /** Draws a progress bar per file on standard error while it hands everything on to the engine. */
    private final class ProgressListener implements RecordingListener {
        private final RecordingListener engine;
        private Progress bar;
        private String barSource;

        ProgressListener(RecordingListener engine) {
            this.engine = engine;
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
            engine.onEvent(event);
        }

        @Override
        public void onChunk(ChunkFacts chunk) {
            engine.onChunk(chunk);
        }

        @Override
        public void onWarning(String message) {
            engine.onWarning(message);
        }
    }
}
