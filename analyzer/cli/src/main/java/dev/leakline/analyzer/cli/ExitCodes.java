package dev.leakline.analyzer.cli;

/** The exit codes of {@code leakline}; scripts and CI rely on them. */
public final class ExitCodes {
    /** The recordings were read and hold no leaked response. */
    public static final int NO_LEAK = 0;
    /** At least one response leaked. */
    public static final int LEAKS = 1;
    /** Bad input or usage: nothing could be read, or the command line is wrong. */
    public static final int BAD_INPUT = 2;
    /** A bug in the analyzer; the message asks for --verbose and a report. */
    public static final int INTERNAL_ERROR = 3;
    /**
     * The report could not be written: a full disk, an unwritable {@code -o} directory, a closed standard output.
     * Whatever reached standard output is incomplete; an {@code -o} file is left as it was.
     */
    public static final int CANNOT_WRITE = 4;

    /**
     * {@code watch} could not reach the JVM to watch, or it refused: no such process, attach refused (another user,
     * {@code -XX:+DisableAttachMechanism}), no JDK Flight Recorder in it, JMX unreachable or needing credentials, the
     * agent jar missing or refused. (5 is the distribution launcher's: no usable Java.)
     */
    public static final int CANNOT_WATCH = 6;

    private ExitCodes() {
    }
}
