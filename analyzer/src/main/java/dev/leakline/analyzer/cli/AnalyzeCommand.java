package dev.leakline.analyzer.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.leakline.analyzer.analysis.Analysis;
import dev.leakline.analyzer.analysis.AnalysisOptions;
import dev.leakline.analyzer.analysis.Analyzer;
import dev.leakline.analyzer.read.BadInputException;
import dev.leakline.analyzer.read.RecordingReader;
import dev.leakline.analyzer.report.JsonReport;
import dev.leakline.analyzer.report.TextReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
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

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Recordings, compressed recordings or JFR "
            + "repository directories.")
    List<Path> files;

    @Option(names = "--min-age", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
            description = "A response open longer than this at the end of the recording is leaked; younger ones are "
                    + "in flight. Finished ones older than this are 'recovered'. Default: ${DEFAULT-VALUE}.")
    Duration minAge;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (for people, 80 columns) or json (stable, see docs/json-schema.md). "
                    + "Default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(names = "--skip-frames", paramLabel = "PREFIX",
            description = "A package prefix whose frames are not your code (repeatable), added to the built-in "
                    + "list (JDK, Leakline, Apache HttpClient, OkHttp, Kotlin, JUnit).")
    List<String> skipFrames = new ArrayList<>();

    @Option(names = "--ignore-thread", paramLabel = "PATTERN",
            description = "A thread name glob (* and ?) on the digit-folded name, e.g. 'my-pool-#-worker-#' "
                    + "(repeatable), added to the built-in list of JVM and pool threads.")
    List<String> ignoreThreads = new ArrayList<>();

    @Override
    public Integer call() throws BadInputException {
        AnalysisOptions options = new AnalysisOptions(minAge, skipFrames, ignoreThreads);
        Analysis analysis = new Analyzer(RecordingReader.jmc(), options).analyze(files);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        for (String warning : analysis.warnings()) {
            err.println("leakline: warning: " + warning);
        }
        err.flush();
        int exit = analysis.leaked() > 0 ? ExitCodes.LEAKS : ExitCodes.NO_LEAK;
        if (format == Format.json) {
            new JsonReport().write(analysis, exit, out);
        } else {
            new TextReport(out).write(analysis);
        }
        return exit;
    }
}
