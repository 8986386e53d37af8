package dev.leakline.analyzer.cli;

import java.io.PrintWriter;

import dev.leakline.analyzer.read.BadInputException;
import dev.leakline.analyzer.report.TerminalLines;
import dev.leakline.analyzer.watch.WatchException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Maps exceptions to exit codes: bad input is one line and exit 2; a report that could not be written is one line
 * and exit 4; a JVM that watch cannot reach is one line and exit 6; anything else is a bug, exit 3. Stack traces only
 * with {@code --verbose}.
 */
final class ErrorHandler implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
        PrintWriter err = cli.getErr();
        boolean verbose = false;
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            verbose |= p.hasMatchedOption("--verbose");
        }
        if (e instanceof OutputException) {
            err.println("leakline: " + TerminalLines.escape(e.getMessage())); // The path may hold anything.
            if (verbose) {
                e.printStackTrace(err);
            }
            err.flush();
            return ExitCodes.CANNOT_WRITE;
        }
        if (e instanceof WatchException w) {
            err.println("leakline: " + TerminalLines.escape(w.getMessage())); // Host names and paths may hold anything.
            if (verbose) {
                e.printStackTrace(err);
            }
            err.flush();
            return w.exitCode();
        }
        if (e instanceof BadInputException) {
            err.println("leakline: " + TerminalLines.escape(e.getMessage())); // File names and damaged content may hold control characters.
            if (verbose) {
                e.printStackTrace(err);
            }
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
        err.println("leakline: internal error: " + e + (verbose ? "" : " (run with --verbose for details)"));
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.INTERNAL_ERROR;
    }
}
