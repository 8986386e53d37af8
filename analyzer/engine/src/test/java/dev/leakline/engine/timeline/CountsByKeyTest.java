package dev.leakline.engine.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The counts by key agree with a plain map over random changes, and a key at 0 is let go. */
class CountsByKeyTest {
    @Test
    void agreesWithAMapAndLetsGoOfConnectionsAtZero() {
        CountsByKey counts = new CountsByKey();
        Map<Long, Integer> expected = new HashMap<>();
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            // Few distinct ids, so the same ones come and go; large ids as Leakline's hashes are.
            long id = (1L << 52) + random.nextInt(5_000) * 7_919L;
            int delta = random.nextInt(3) == 0 ? -1 : 1;
            int now = counts.add(id, delta);
            int want = expected.merge(id, delta, Integer::sum);
            if (want == 0) {
                expected.remove(id);
            }
            assertThat(now).isEqualTo(want);
        }
        assertThat(counts.size()).isEqualTo(expected.size());
        for (Map.Entry<Long, Integer> e : expected.entrySet()) {
            assertThat(counts.add(e.getKey(), -e.getValue())).isZero();
        }
        assertThat(counts.size()).isZero();
    }
}
