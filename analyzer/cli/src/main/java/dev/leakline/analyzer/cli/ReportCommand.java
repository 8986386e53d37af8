package dev.leakline.analyzer.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;

import dev.leakline.engine.analysis.Analysis;
import dev.leakline.engine.format.Formats;
import dev.leakline.analyzer.html.HtmlReport;
import dev.leakline.analyzer.read.BadInputException;
import dev.leakline.analyzer.report.ReportMapper;
import dev.leakline.engine.timeline.Timeline;
import dev.leakline.engine.timeline.TimelineAccumulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code leakline report FILE... -o report.html}: one self-contained HTML page. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Writes one self-contained HTML file (no network needed to view it): summary, timeline charts "
                + "(SVG, values on hover), leak sites with their stacks, thread findings and recording facts.",
                "An existing file is replaced, only once the new one is complete (it is written beside it and renamed). "
                + "Exit codes as for analyze."})
public final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    RecordingOptions recordings;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true,
            description = "The HTML file to write, e.g. report.html; its directory must exist.")
    Path output;

    @Override
    public Integer call() throws BadInputException, OutputException, IOException {
        try (OutputFile file = OutputFile.open(spec.commandLine(), output)) {
            TimelineAccumulator accumulator = recordings.timelineAccumulator(HtmlReport.DEFAULT_BUCKETS);
            Analysis analysis = recordings.analyze(accumulator == null, accumulator, spec.commandLine().getErr());
            Timeline timeline = RecordingOptions.timeline(analysis, accumulator, HtmlReport.DEFAULT_BUCKETS);
            HtmlReport.write(ReportMapper.reportModel(analysis, timeline, Instant.now()), file.writer());
            file.commit();
            PrintWriter out = spec.commandLine().getOut();
            out.println("Wrote " + output + " (" + analysis.leaked() + " leaked response"
                    + (analysis.leaked() == 1 ? "" : "s") + ")");
            Output.check(out, "standard output");
            return RecordingOptions.exitCode(analysis);
        }
    }
}
