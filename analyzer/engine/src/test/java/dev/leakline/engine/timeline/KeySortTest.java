package dev.leakline.engine.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** {@link KeySort} must order exactly as {@code Arrays.sort} does, whatever the input's shape and size. */
class KeySortTest {

    @Test
    void sortsAsArraysSortDoes() {
        SplittableRandom random = new SplittableRandom(17);
        int[] sizes = {0, 1, 2, 31, 32, 33, 63, 64, 65, 1000, 4096, 100_003};
        for (int n : sizes) {
            for (String shape : new String[] {"random", "nearly sorted", "descending", "few values", "in runs"}) {
                long[] input = new long[n];
                for (int i = 0; i < n; i++) {
                    input[i] = switch (shape) {
                        case "random" -> random.nextLong();
                        case "nearly sorted" -> (long) i * 1000 + random.nextInt(5000); // reading order ~ time order
                        case "descending" -> -i;
                        case "few values" -> random.nextInt(3);
                        default -> (i % 500) * 7L + (i / 500); // ascending runs of 500
                    };
                }
                long[] want = input.clone();
                Arrays.sort(want);
                long[] got = Arrays.copyOf(input, n + 5); // room past n, as a kept array has
                long[] buffer = new long[n + 9];
                KeySort.sort(got, n, buffer);

                assertThat(Arrays.copyOf(got, n)).as(shape + ", " + n).isEqualTo(want);
                assertThat(Arrays.copyOfRange(got, n, n + 5)).as("past n untouched").containsOnly(0L);
            }
        }
    }
}
