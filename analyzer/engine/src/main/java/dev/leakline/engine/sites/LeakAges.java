package dev.leakline.engine.sites;

import java.util.Arrays;

/**
 * The ages of one site's leaked responses, in milliseconds, for their exact minimum, median and maximum. Each is an
 * {@code int} (4 bytes a leak; a million leaks on one site are 4 MB, 6 while the array grows) until one does not fit
 * (an age of more than 24 days), and from then on a {@code long}.
 */
final class LeakAges {
    private int[] ints = new int[16];
    private long[] longs;
    private int count;

    void add(long ageMillis) {
        if (longs == null && ageMillis == (int) ageMillis) {
            if (count == ints.length) {
                ints = Arrays.copyOf(ints, count * 2);
            }
            ints[count++] = (int) ageMillis;
            return;
        }
        if (longs == null) {
            longs = new long[Math.max(16, count * 2)];
            for (int i = 0; i < count; i++) {
                longs[i] = ints[i];
            }
            ints = null;
        }
        if (count == longs.length) {
            longs = Arrays.copyOf(longs, count * 2);
        }
        longs[count++] = ageMillis;
    }

    int count() {
        return count;
    }

    /**
     * The least, the median ({@code count / 2} in ascending order) and the greatest; sorts in place (built once, and a
     * copy would double the largest array). Only when {@link #count} is not 0.
     */
    long[] minMedianMax() {
        if (longs == null) {
            Arrays.sort(ints, 0, count);
            return new long[] {ints[0], ints[count / 2], ints[count - 1]};
        }
        Arrays.sort(longs, 0, count);
        return new long[] {longs[0], longs[count / 2], longs[count - 1]};
    }
}
