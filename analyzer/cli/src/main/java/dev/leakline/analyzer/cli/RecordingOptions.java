package dev.leakline.analyzer.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.leakline.engine.analysis.Analysis;
import dev.leakline.engine.analysis.AnalysisOptions;
import dev.leakline.analyzer.analysis.Analyzer;
import dev.leakline.analyzer.read.BadInputException;
import dev.leakline.analyzer.read.RecordingReader;
import dev.leakline.analyzer.read.RecordingSpan;
import dev.leakline.analyzer.report.Caps;
import dev.leakline.analyzer.report.ReportMapper;
import dev.leakline.analyzer.report.TerminalLines;
import dev.leakline.engine.timeline.Timeline;
import dev.leakline.engine.timeline.TimelineAccumulator;
import dev.leakline.engine.timeline.TimelineSeries;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What every command that reads recordings takes: the files and the analysis knobs. Shared so that {@code analyze},
 * {@code timeline} and {@code report} judge a recording the same way.
 */
public final class RecordingOptions {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Recordings, compressed recordings, JFR "
            + "repository directories (or their root, with one subdirectory per JVM), pipes such as <(zcat "
            + "app.jfr.gz), or - for standard input.")
    List<Path> files;

    @Option(names = "--min-age", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
            description = "A response open longer than this at the end of the recording is leaked; younger ones are "
                    + "in flight. Finished ones older than this are 'recovered'. Default: ${DEFAULT-VALUE}.")
    Duration minAge;

    @Option(names = "--skip-frames", paramLabel = "PREFIX",
            description = "A package prefix whose frames are not your code (repeatable), added to the built-in "
                    + "list (the JDK, Leakline, and the libraries and frameworks in docs/frameworks.md).")
    List<String> skipFrames = new ArrayList<>();

    @Option(names = "--app-package", paramLabel = "PREFIX",
            description = "A package prefix of your own code (repeatable), e.g. com.example.shop: the first frame in "
                    + "it is the leak site, even after library frames. Default: the package of the recording's "
                    + "main class.")
    List<String> appPackages = new ArrayList<>();

    @Option(names = "--ignore-thread", paramLabel = "PATTERN",
            description = "A thread name glob (* and ?) on the digit-folded name, e.g. 'my-pool-#-worker-#' "
                    + "(repeatable), added to the built-in list of JVM and pool threads.")
    List<String> ignoreThreads = new ArrayList<>();

    /**
     * Reads and analyzes the files, with a progress bar on standard error when a person is watching, and prints the
     * warnings to {@code err}.
     *
     * @param keepCleanResponses keep every clean response with its times (the timeline needs them)
     */
    Analysis analyze(boolean keepCleanResponses, PrintWriter err) throws BadInputException {
        return analyze(keepCleanResponses, null, err);
    }

    /**
     * As above, charting the timeline into {@code timeline} while reading (null for none); clean responses are then
     * folded as they settle, so memory does not grow with them.
     */
    Analysis analyze(boolean keepCleanResponses, TimelineAccumulator timeline, PrintWriter err)
            throws BadInputException {
        AnalysisOptions options = new AnalysisOptions(minAge, skipFrames, ignoreThreads, keepCleanResponses,
                appPackages);
        Analysis analysis = new Analyzer(reader(), options, true, timeline).analyze(files);
        for (String warning : analysis.warnings()) {
            err.println("leakline: warning: " + TerminalLines.escape(warning));
        }
        err.flush();
        return analysis;
    }

    /** One reader for the command: what {@link #timelineAccumulator} made ready is what {@link #analyze} reads. */
    private RecordingReader reader;

    private RecordingReader reader() {
        if (reader == null) {
            reader = RecordingReader.jmc();
        }
        return reader;
    }

    /**
     * A timeline to chart while reading, its buckets fixed from the chunk headers of the inputs, which are made ready
     * first (compressed files and pipes decompressed or copied, {@link RecordingReader#stage}); null when no chunk
     * header can be read: then the caller keeps every clean response.
     */
    TimelineAccumulator timelineAccumulator(int buckets) {
        RecordingSpan span = reader().stage(files);
        return span == null ? null : new TimelineAccumulator(span.startNanos(), span.endNanos(), buckets, Caps::cap);
    }

    /** The timeline of an analysis made by {@link #analyze}: computed while reading when it could be. */
    static Timeline timeline(Analysis analysis, TimelineAccumulator accumulator, int buckets) {
        return accumulator != null ? ReportMapper.timeline(analysis, accumulator)
                : TimelineSeries.compute(ReportMapper.timelineInput(analysis), buckets);
    }

    /** The exit code for an analysis: leaks or none. */
    static int exitCode(Analysis analysis) {
        return analysis.leaked() > 0 ? ExitCodes.LEAKS : ExitCodes.NO_LEAK;
    }
}
