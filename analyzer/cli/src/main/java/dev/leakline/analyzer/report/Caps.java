package dev.leakline.analyzer.report;

import java.util.List;

/**
 * Caps the strings a recording supplies (pool, client, method, URI, thread names) before any report shows them. The
 * application controls these values; one 1 MB pool name repeated in every chart of a page once made a 260 MB HTML
 * report from a 7.6 MB recording. Every renderer (text, JSON, timeline, HTML) caps through here, at the length the
 * Leakline library itself caps URIs, pools and methods to, so values recorded by the library are never cut twice.
 */
public final class Caps {
    /** The longest value shown, in chars, the cut marker included. */
    public static final int MAX_LENGTH = 1024;
    private static final char MARKER = '\u2026';

    private Caps() {
    }

    /**
     * {@code value} when it is at most {@value #MAX_LENGTH} chars, else its first {@code MAX_LENGTH - 1} chars (one
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
        return value.substring(0, end) + MARKER;
    }

    /** {@link #cap} applied to each value. */
    public static List<String> cap(List<String> values) {
        for (String value : values) {
            if (value != null && value.length() > MAX_LENGTH) {
                return values.stream().map(Caps::cap).toList();
            }
        }
        return values;
    }
}
