package dev.leakline.analyzer.watch;

/**
 * Why {@code leakline watch} cannot watch (or could not finish): one line a user can act on, and the exit code
 * that goes with it.
 */
public final class WatchException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    /**
     * @param message  one line, naming the fix where there is one
     * @param exitCode the documented exit code
     */
    public WatchException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** The exit code the command ends with. */
    public int exitCode() {
        return exitCode;
    }
}
