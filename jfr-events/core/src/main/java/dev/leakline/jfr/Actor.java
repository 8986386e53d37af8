package dev.leakline.jfr;

/** Who finished a response body: the application's code, or the HTTP client library on its behalf. */
public enum Actor {
    /** The application read the body to its end, or closed it. */
    APPLICATION("application"),
    /** The client did it for the application, as when {@code BodyHandlers.ofString()} buffers the whole body. */
    LIBRARY("library");

    private final String label;

    Actor(String label) {
        this.label = label;
    }

    /** The value recorded in the {@code drainedBy} and {@code closedBy} fields. */
    public String label() {
        return label;
    }
}
