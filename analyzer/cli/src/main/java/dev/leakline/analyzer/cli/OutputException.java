package dev.leakline.analyzer.cli;

/**
 * The report could not be written (a full disk, an unwritable directory, a closed pipe); the message is one line for
 * the user. Exit code {@link ExitCodes#CANNOT_WRITE}, so a script never takes a cut report for a whole one.
 */
final class OutputException extends Exception {
    private static final long serialVersionUID = 1L;

    OutputException(String message, Throwable cause) {
        super(message, cause);
    }
}
