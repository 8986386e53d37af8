package dev.leakline.analyzer.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;

import dev.leakline.engine.analysis.Analysis;
import dev.leakline.engine.format.Formats;
import dev.leakline.analyzer.html.HtmlReport;
import dev.leakline.analyzer.read.BadInputException;
import dev.leakline.analyzer.report.ReportMapper;
import dev.leakline.engine.timeline.Timeline;
import dev.leakline.engine.timeline.TimelineSeries;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code leakline report FILE... -o report.html}: one self-contained HTML page. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Writes one self-contained HTML file (no network needed to view it): summary, timeline charts "
                + "(SVG, values on hover), leak sites with their stacks, thread findings and recording facts.",
                "An existing file is overwritten. Exit codes as for analyze."})
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
    public Integer call() throws BadInputException, IOException {
        Path target = output.toAbsolutePath();
        Path parent = target.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new ParameterException(spec.commandLine(), "-o " + output + ": the directory " + parent
                    + " does not exist; create it first");
        }
        if (Files.isDirectory(target)) {
            throw new ParameterException(spec.commandLine(), "-o " + output + " is a directory; name a file, e.g. "
                    + output.resolve("report.html"));
        }
        Analysis analysis = recordings.analyze(true, spec.commandLine().getErr());
        Timeline timeline = TimelineSeries.compute(ReportMapper.timelineInput(analysis), HtmlReport.DEFAULT_BUCKETS);
        try (Writer writer = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            HtmlReport.write(ReportMapper.reportModel(analysis, timeline, Instant.now()), writer);
        } catch (IOException e) {
            throw new BadInputException("-o " + output + ": cannot write (" + e.getMessage() + ")", e);
        }
        spec.commandLine().getOut().println("Wrote " + output + " ("
                + Formats.counted(analysis.leaked(), "leaked response") + ")");
        return RecordingOptions.exitCode(analysis);
    }
}
