package dev.leakline.jfr;

/** What a client did with a connection once the response on it was finished. */
public enum ReleaseOutcome {
    /** Kept in the pool for the next request. */
    POOLED("pooled"),
    /** Closed: for example because the body was closed before its end and could not be drained. */
    CLOSED("closed");

    private final String label;

    ReleaseOutcome(String label) {
        this.label = label;
    }

    /** The value recorded in the {@code outcome} field of {@code leakline.ConnectionReleased}. */
    public String label() {
        return label;
    }
}
