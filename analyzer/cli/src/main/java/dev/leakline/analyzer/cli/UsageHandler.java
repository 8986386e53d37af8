package dev.leakline.analyzer.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/** A wrong command line: one line saying what is wrong, a pointer to --help, exit code 2. */
final class UsageHandler implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        PrintWriter err = cli.getErr();
        err.println("leakline: " + e.getMessage());
        err.println("Run '" + cli.getCommandSpec().qualifiedName() + " --help' for options and examples.");
        err.flush();
        return ExitCodes.BAD_INPUT;
    }
}
