package dev.leakline.engine.pairing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Distinct values numbered in order of arrival, so a column can hold an {@code int} where a response would hold a
 * reference to a value many responses share (a stack, a client, a URI's directory).
 */
final class Interned<T> {
    private static final int RECENT = 4096;

    private final Map<T, Integer> indexes = new HashMap<>();
    /**
     * The index of each instance met lately: the reader hands out one instance per distinct value (per chunk at
     * least), so this finds most without hashing a value (a stack's frames). Only a cache, emptied when full.
     */
    private final Map<T, Integer> recent;
    private final List<T> values = new ArrayList<>();
    private final int limit;

    /**
     * @param limit    at most this many values; {@link #indexOf} gives -1 for a new value beyond it
     * @param shared   whether callers hand in shared instances (then looked up by identity first); false for values
     *                 made for the call, which identity would never find
     */
    Interned(int limit, boolean shared) {
        this.limit = limit;
        this.recent = shared ? new IdentityHashMap<>() : null;
    }

    /** The value's number, numbering it if new; -1 when it is new and the table is full. */
    int indexOf(T value) {
        Integer index = recent == null ? null : recent.get(value);
        if (index == null) {
            index = indexes.get(value);
            if (index == null) {
                if (values.size() >= limit) {
                    return -1;
                }
                index = values.size();
                values.add(value);
                indexes.put(value, index);
            }
            if (recent != null) {
                if (recent.size() >= RECENT) {
                    recent.clear();
                }
                recent.put(value, index);
            }
        }
        return index;
    }

    T get(int index) {
        return values.get(index);
    }
}
