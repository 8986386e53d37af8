package dev.leakline.analyzer.cli;

import java.io.PrintWriter;

/** The entry point of {@code leakline.jar}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(LeaklineCommand.create(out, err).execute(args));
    }
}
