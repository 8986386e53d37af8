package dev.leakline.scenarios.truth;

/**
 * The verdict the analyzer must give a response, derived from what the scenario did with it. Names are
 * those of {@code docs/truth-files.md}.
 */
public final class Verdict {
    /** Neither read to the end nor closed, older than the minimum age at the end (strictly, as the analyzer judges). */
    public static final String LEAKED = "leaked";
    /** Neither read to the end nor closed, younger than the minimum age at the end. */
    public static final String IN_FLIGHT = "in_flight";
    /** Closed before its end, promptly. */
    public static final String CLOSED_UNREAD = "closed_unread";
    /** Read to the end, never closed. */
    public static final String DRAINED_NOT_CLOSED = "drained_not_closed";
    /** Read to the end and closed. */
    public static final String CLEAN = "clean";
    /** Closed (or read to the end) only after being open longer than the minimum age. */
    public static final String RECOVERED = "recovered";
    /** Its open is in a chunk the recording lost; only its close is there. */
    public static final String ORPHAN = "orphan";

    private Verdict() {
    }

    /**
     * The verdict for a response the recording holds whole.
     *
     * @param readToEnd      read until -1
     * @param closed         closed
     * @param openedAtMillis when it opened
     * @param finishedAtMillis when it was closed, or read to its end when not closed; ignored when neither
     * @param endMillis      when the recording ends
     * @param minAgeMillis   the analyzer's minimum age
     */
    public static String of(boolean readToEnd, boolean closed, long openedAtMillis, long finishedAtMillis,
            long endMillis, long minAgeMillis) {
        if (!readToEnd && !closed) {
            return endMillis - openedAtMillis > minAgeMillis ? LEAKED : IN_FLIGHT;
        }
        if (finishedAtMillis - openedAtMillis > minAgeMillis) {
            return RECOVERED;
        }
        if (readToEnd && closed) {
            return CLEAN;
        }
        return readToEnd ? DRAINED_NOT_CLOSED : CLOSED_UNREAD;
    }
}
