package dev.leakline.analyzer;

import java.io.PrintWriter;
import java.io.StringWriter;

import dev.leakline.analyzer.cli.LeaklineCommand;

/** Runs the real command line in-process and captures what it prints. */
public final class Cli {
    private Cli() {
    }

    /** The outcome of one run. */
    public record Result(int exitCode, String out, String err) {
    }

    public static Result run(Object... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] strings = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            strings[i] = String.valueOf(args[i]);
        }
        int exit = LeaklineCommand.create(new PrintWriter(out, true), new PrintWriter(err, true)).execute(strings);
        return new Result(exit, out.toString(), err.toString());
    }
}
