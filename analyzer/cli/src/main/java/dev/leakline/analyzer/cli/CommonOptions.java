package dev.leakline.analyzer.cli;

import picocli.CommandLine.Option;

/** Options every subcommand shares. */
public final class CommonOptions {
    @Option(names = {"-v", "--verbose"}, description = "Print stack traces of errors (to report a bug).")
    boolean verbose;
}
