package dev.leakline.engine.sites;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The least, median and greatest age must be those of the ages sorted, whether they fit an int or not. */
class LeakAgesTest {

    @Test
    void minMedianAndMaxAreTheSortedAgesOnes() {
        SplittableRandom random = new SplittableRandom(23);
        for (int n : new int[] {1, 2, 3, 16, 17, 1000, 40_001}) {
            long[] ages = new long[n];
            for (int i = 0; i < n; i++) {
                ages[i] = 5_000 + random.nextLong(3_600_000L * 24 * 20); // up to 20 days: all fit an int
            }
            check(ages);
        }
    }

    /** A recording of more than 24 days: an age past an int's range, after some that fit and before more. */
    @Test
    void anAgePastAnIntsRangeKeepsEveryAgeExact() {
        SplittableRandom random = new SplittableRandom(29);
        for (int at : new int[] {0, 1, 15, 16, 17, 500}) {
            long[] ages = new long[700];
            for (int i = 0; i < ages.length; i++) {
                ages[i] = 5_000 + random.nextLong(Integer.MAX_VALUE - 10_000L);
            }
            ages[at] = Integer.MAX_VALUE + 1L + random.nextLong(1_000_000L);
            ages[ages.length - 1] = Integer.MAX_VALUE; // the largest that fits, after the switch
            check(ages);
        }
    }

    private static void check(long[] ages) {
        LeakAges leakAges = new LeakAges();
        for (long age : ages) {
            leakAges.add(age);
        }
        long[] sorted = ages.clone();
        Arrays.sort(sorted);

        assertThat(leakAges.count()).isEqualTo(ages.length);
        assertThat(leakAges.minMedianMax()).as("%d ages", ages.length)
                .containsExactly(sorted[0], sorted[ages.length / 2], sorted[ages.length - 1]);
    }
}
