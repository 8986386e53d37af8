package dev.leakline.analyzer.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import dev.leakline.engine.analysis.Analysis;
import dev.leakline.analyzer.read.BadInputException;
import dev.leakline.analyzer.timeline.ChartOptions;
import dev.leakline.analyzer.timeline.Terminal;
import dev.leakline.analyzer.timeline.TerminalChart;
import dev.leakline.engine.timeline.Timeline;
import dev.leakline.engine.timeline.TimelineAccumulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code leakline timeline FILE...}: the recording's life per pool, drawn in the terminal. */
@Command(name = "timeline", mixinStandardHelpOptions = true,
        description = {"Draws, over the recording's wall-clock time (UTC), per pool (or client and host when the "
                + "client reports no pool): the responses outstanding (opened, not yet drained or closed), the "
                + "connections they hold and the leaked responses accumulated; then the threads alive per name.",
                "Colour only on a terminal and never when NO_COLOR is set. Exit codes as for analyze."})
public final class TimelineCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    RecordingOptions recordings;

    @Option(names = "--ascii", description = "Plain ASCII instead of Unicode block characters.")
    boolean ascii;

    @Option(names = "--width", paramLabel = "N", defaultValue = "80",
            description = "Total columns per line, at least " + TerminalChart.MIN_WIDTH
                    + ". Default: ${DEFAULT-VALUE}.")
    int width;

    @Option(names = "--buckets", paramLabel = "N",
            description = "Time slices to sample the recording into; each column shows the maximum of its slices. "
                    + "Default: one per plot column (width - 8).")
    Integer buckets;

    @Override
    public Integer call() throws BadInputException, OutputException {
        if (width < TerminalChart.MIN_WIDTH) {
            throw new ParameterException(spec.commandLine(), "--width must be at least " + TerminalChart.MIN_WIDTH
                    + " columns, was " + width);
        }
        if (buckets != null && buckets < 1) {
            throw new ParameterException(spec.commandLine(), "--buckets must be at least 1, was " + buckets);
        }
        int slices = buckets != null ? buckets : TerminalChart.plotColumns(width);
        TimelineAccumulator accumulator = recordings.timelineAccumulator(slices);
        Analysis analysis = recordings.analyze(accumulator == null, accumulator, spec.commandLine().getErr());
        Timeline timeline = RecordingOptions.timeline(analysis, accumulator, slices);
        ChartOptions options = ChartOptions.detect(width, ascii, Terminal.isInteractive(), System.getenv());
        PrintWriter out = spec.commandLine().getOut();
        out.print(TerminalChart.render(timeline, options));
        Output.check(out, "standard output");
        return RecordingOptions.exitCode(analysis);
    }
}
