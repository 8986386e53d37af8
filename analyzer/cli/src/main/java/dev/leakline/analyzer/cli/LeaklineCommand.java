package dev.leakline.analyzer.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top command: {@code leakline}. Without a subcommand it prints example invocations. */
@Command(name = "leakline", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Finds HTTP responses a Java program opened and never finished, in JDK Flight Recorder "
                + "recordings.",
        subcommands = {AnalyzeCommand.class, TimelineCommand.class, ReportCommand.class,
                CommandLine.HelpCommand.class})
public final class LeaklineCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("leakline: missing command. Run 'leakline analyze FILE...', 'leakline timeline FILE...' or "
                + "'leakline report FILE... -o report.html'.");
        err.println();
        err.println(String.format(Examples.TEXT));
        err.flush();
        return ExitCodes.BAD_INPUT;
    }

    /**
     * The command line with our exit-code mapping, writing to the given writers; {@link Main} and the tests use it.
     */
    public static CommandLine create(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new LeaklineCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.getCommandSpec().usageMessage().footer("", String.format(Examples.TEXT));
        for (String name : new String[] {"analyze", "timeline", "report"}) {
            cli.getSubcommands().get(name).getCommandSpec().usageMessage().footer("", String.format(Examples.TEXT));
        }
        cli.setExecutionExceptionHandler(new ErrorHandler());
        cli.setParameterExceptionHandler(new UsageHandler());
        return cli;
    }
}
