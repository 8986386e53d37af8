package dev.leakline.engine.pairing;

import java.util.HashMap;
import java.util.Map;

/**
 * A column of longs that are almost always small (response ids counted from 1, thread ids, content lengths): 4 bytes
 * each, and the rare value that does not fit an {@code int} kept aside in a map.
 */
final class PagedSmallLongs {
    /** Marks a value kept in {@link #large}. */
    private static final int LARGE = Integer.MIN_VALUE;

    private final PagedInts small = new PagedInts();
    private final Map<Integer, Long> large = new HashMap<>();

    long get(int index) {
        int value = small.get(index);
        return value == LARGE ? large.get(index) : value;
    }

    void set(int index, long value) {
        if (value > LARGE && value <= Integer.MAX_VALUE) {
            small.set(index, (int) value);
            if (!large.isEmpty()) {
                large.remove(index);
            }
        } else {
            small.set(index, LARGE);
            large.put(index, value);
        }
    }
}
