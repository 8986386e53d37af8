package dev.leakline.engine.pairing;

/** What became of one response. The JSON names ({@link #id()}) are part of the stable interface. */
public enum Verdict {
    /** Neither read to the end nor closed, and open longer than the minimum age at the end of the recording. */
    LEAKED("leaked"),
    /**
     * Would be leaked, but a window of lost events (a {@code jdk.DataLoss}, a damaged or missing chunk) lies after
     * its open, so its drain or close may be among the lost events: possibly leaked, not counted as a leak.
     */
    UNCERTAIN("uncertain"),
    /** Neither read to the end nor closed, but younger than the minimum age: possibly still being read. */
    IN_FLIGHT("in_flight"),
    /** Closed before its body was read to the end (the connection may have been closed instead of reused). */
    CLOSED_UNREAD("closed_unread"),
    /** Read to the end but never closed: fine for some clients, a leak of the response object for others. */
    DRAINED_NOT_CLOSED("drained_not_closed"),
    /** Read to the end and closed in time. */
    CLEAN("clean"),
    /** Finished (closed or read to the end), but only after being open longer than the minimum age. */
    RECOVERED("recovered");

    private final String id;

    Verdict(String id) {
        this.id = id;
    }

    /** The name used in JSON and truth files, e.g. {@code closed_unread}. */
    public String id() {
        return id;
    }

    /** Whether this verdict is something to fix. */
    public boolean isProblem() {
        return this != CLEAN && this != IN_FLIGHT;
    }
}
