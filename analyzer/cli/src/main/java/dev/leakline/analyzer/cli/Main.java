package dev.leakline.analyzer.cli;

import java.io.PrintWriter;

/** The entry point of {@code leakline.jar}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // Not System.out: it hides write errors, and a report cut by a full disk must not look complete.
        PrintWriter out = Output.standardOutput();
        PrintWriter err = new PrintWriter(System.err, true);
        int exit;
        WatchCommand.haltOnSignal = true; // Ctrl-C during watch: exit 0/1 once the target is cleaned up
        try {
            exit = LeaklineCommand.create(out, err).execute(args);
            out.flush(); // help and usage text; a report's own errors were checked by its command
        } catch (OutOfMemoryError e) {
            // Not a leak verdict (exit 1) and not the input's fault: say how to get more room.
            err.println("leakline: out of memory; give the analyzer more heap (-Xmx2g; with ./leakline: "
                    + "LEAKLINE_JAVA_OPTS=-Xmx2g)");
            exit = ExitCodes.INTERNAL_ERROR;
        }
        System.exit(exit);
    }
}
