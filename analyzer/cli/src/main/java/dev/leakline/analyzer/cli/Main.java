package dev.leakline.analyzer.cli;

import java.io.PrintWriter;

/** The entry point of {@code leakline.jar}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int exit;
        WatchCommand.haltOnSignal = true; // Ctrl-C during watch: exit 0/1 once the target is cleaned up
        try {
            exit = LeaklineCommand.create(out, err).execute(args);
        } catch (OutOfMemoryError e) {
            // Not a leak verdict (exit 1) and not the input's fault: say how to get more room.
            err.println("leakline: out of memory; give the analyzer more heap (-Xmx2g; with ./leakline: "
                    + "LEAKLINE_JAVA_OPTS=-Xmx2g)");
            exit = ExitCodes.INTERNAL_ERROR;
        }
        System.exit(exit);
    }
}
