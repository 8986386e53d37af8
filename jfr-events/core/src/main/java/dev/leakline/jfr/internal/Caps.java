package dev.leakline.jfr.internal;

/**
 * Caps the free-text fields an application or adapter hands the library (pool names, methods) at the length
 * {@link UriRedactor} cuts URIs to. They are recorded with every response: one megabyte-long pool name would make
 * every event a megabyte, and every report that shows it.
 *
 * <p>Not API.
 */
public final class Caps {
    /** The longest value recorded, in chars, the cut marker included; the same as for URIs. */
    public static final int MAX_LENGTH = UriRedactor.MAX_LENGTH;

    private Caps() {
    }

    /**
     * {@code value} when it is at most {@link #MAX_LENGTH} chars, else its first {@code MAX_LENGTH - 1} chars (one
     * fewer rather than split a surrogate pair) and {@code …}; null stays null.
     */
    public static String cap(String value) {
        if (value == null || value.length() <= MAX_LENGTH) {
            return value;
        }
        int end = MAX_LENGTH - 1;
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(0, end) + '\u2026';
    }
}
