package dev.leakline.analyzer.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import dev.leakline.engine.analysis.Analysis;
import dev.leakline.analyzer.read.BadInputException;
import dev.leakline.analyzer.report.JsonReport;
import dev.leakline.analyzer.report.TextReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code leakline analyze FILE...}: verdicts per response, leak sites, threads alive at the end. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Reads JFR recordings (.jfr, gzip, zip or LZ4; or a JFR repository directory) and reports "
                + "responses that were neither read to the end nor closed, grouped by the line that opened them, "
                + "and the threads still alive at the end.",
                "Files given together are analyzed together: chunks of one JVM run pair across files."})
public final class AnalyzeCommand implements Callable<Integer> {
    /** How to print the report. */
    enum Format { text, json }

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    RecordingOptions recordings;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (for people, 80 columns) or json (stable, see docs/json-schema.md). "
                    + "Default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the report to FILE instead of standard output: completely or not at all (it is "
                    + "written beside FILE and renamed). An existing file is replaced. Standard output then only says "
                    + "what was written.")
    Path output;

    @Option(names = "--all-responses",
            description = "With --format json: list every response that is not clean, every orphan and every "
                    + "connection (streamed). Default: per site and verdict the first " + JsonReport.SAMPLES_PER_SITE
                    + " responses, and the first " + JsonReport.LISTED + " orphans and connections; the rest are "
                    + "counted under listed.")
    boolean allResponses;

    @Override
    public Integer call() throws BadInputException, OutputException {
        PrintWriter out = spec.commandLine().getOut();
        if (output == null) {
            Analysis analysis = write(out);
            Output.check(out, "standard output");
            return RecordingOptions.exitCode(analysis);
        }
        try (OutputFile file = OutputFile.open(spec.commandLine(), output)) {
            Analysis analysis = write(file.writer());
            file.commit();
            out.println("Wrote " + output + " (" + analysis.leaked() + " leaked response"
                    + (analysis.leaked() == 1 ? "" : "s") + ")");
            Output.check(out, "standard output");
            return RecordingOptions.exitCode(analysis);
        }
    }

    private Analysis write(PrintWriter out) throws BadInputException {
        Analysis analysis = recordings.analyze(false, spec.commandLine().getErr());
        int exit = RecordingOptions.exitCode(analysis);
        if (format == Format.json) {
            new JsonReport(allResponses).write(analysis, exit, out);
        } else {
            new TextReport(out).write(analysis);
        }
        return analysis;
    }
}
