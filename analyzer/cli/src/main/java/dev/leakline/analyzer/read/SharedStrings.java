package dev.leakline.analyzer.read;

import java.util.HashMap;
import java.util.Map;

/**
 * One instance per distinct short string of a chunk (clients, methods, pools, thread names): an unfinished response
 * is kept until the end, so a repeated string is held once, not once per response. Used under the chunk's lock.
 */
final class SharedStrings {
    /** Longer strings are not shared: a URI is nearly always unique, and hashing it costs more than it saves. */
    static final int MAX_LENGTH = 256;
    /** The map is cleared when it grows past this: a chunk with more distinct values gains nothing from it. */
    private static final int MAX_ENTRIES = 4096;

    private final Map<String, String> shared = new HashMap<>();

    /** The instance of {@code value} this chunk shares (the value itself the first time). */
    String share(String value) {
        if (value == null || value.length() > MAX_LENGTH) {
            return value;
        }
        String known = shared.putIfAbsent(value, value);
        if (known != null) {
            return known;
        }
        if (shared.size() > MAX_ENTRIES) {
            shared.clear();
        }
        return value;
    }

    /**
     * The shared instance for one field: the field's previous value is compared first, the same object or an equal
     * string, without hashing (a burst of one client or method skips the map).
     */
    final class Recent {
        private String lastSeen;
        private String lastShared;

        String share(String value) {
            if (value == lastSeen) {
                return lastShared;
            }
            if (value == null) {
                return null;
            }
            String result = lastShared != null && lastShared.equals(value) ? lastShared : SharedStrings.this.share(value);
            lastSeen = value;
            lastShared = result;
            return result;
        }
    }
}
