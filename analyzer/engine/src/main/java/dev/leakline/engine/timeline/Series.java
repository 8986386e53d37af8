package dev.leakline.engine.timeline;

import java.util.List;
import java.util.Objects;

/**
 * One named series: a value per bucket, each the maximum the quantity reached within that bucket.
 *
 * @param name what is counted, e.g. {@code outstanding} or a folded thread name
 * @param values one value per bucket, in time order
 */
public record Series(String name, List<Integer> values) {

    /** Copies the values. */
    public Series {
        Objects.requireNonNull(name, "name");
        values = List.copyOf(values);
    }

    static Series of(String name, int[] values) {
        Integer[] boxed = new Integer[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return new Series(name, List.of(boxed));
    }

    /** The largest value, 0 for an empty series. */
    public int peak() {
        int peak = 0;
        for (int v : values) {
            peak = Math.max(peak, v);
        }
        return peak;
    }

    /** The value of the last bucket, 0 for an empty series. */
    public int last() {
        return values.isEmpty() ? 0 : values.get(values.size() - 1);
    }

    /** The value of bucket {@code i}. */
    public int at(int i) {
        return values.get(i);
    }
}
