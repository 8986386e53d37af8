package dev.leakline.scenarios;

/**
 * What a scenario does with a response body right after the response arrives: the four cases of the
 * Go lesson, plus {@link #LATER} for scenarios that decide afterwards (in flight, closed late).
 */
public enum Fate {
    /** Neither read nor closed: the body is abandoned. */
    NEITHER_READ_NOR_CLOSED("neither-read-nor-closed", false, false),
    /** Closed without reading a byte. */
    CLOSED_UNREAD("closed-unread", false, true),
    /** Read to the end (until -1), never closed. */
    READ_TO_END("read-to-end", true, false),
    /** Read to the end, then closed. */
    READ_AND_CLOSED("read-and-closed", true, true),
    /** Nothing now; the scenario acts on the {@link Opened} handle later. */
    LATER("later", false, false),
    /** Neither read nor closed, and the scenario lets go of the body at once (so it can be collected). */
    ABANDONED("abandoned", false, false);

    private final String caseName;
    private final boolean read;
    private final boolean close;

    Fate(String caseName, boolean read, boolean close) {
        this.caseName = caseName;
        this.read = read;
        this.close = close;
    }

    /** The case name used in truth files and the README. */
    public String caseName() {
        return caseName;
    }

    boolean reads() {
        return read;
    }

    boolean closes() {
        return close;
    }
}
