package dev.leakline.engine.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The counts per group and connection slot are those of one plain count per (group, slot), whichever group a slot
 * counts for and whether a second group's count is in the map.
 */
class ConnectionCountsTest {
    @Test
    void agreesWithOneCountPerGroupAndConnection() {
        ConnectionCounts counts = new ConnectionCounts();
        Map<String, Integer> expected = new HashMap<>();
        SplittableRandom random = new SplittableRandom(3);
        int mostShared = 0;
        for (int i = 0; i < 300_000; i++) {
            // Groups (the last two at the edge of what a slot holds) over slots that reach past the first page, so that groups share connections at times and
            // counts go below 0 (a -1 applied before its +1) as well as above.
            int group = random.nextInt(3) == 0 ? 0xFFFE + random.nextInt(2) : random.nextInt(2);
            int slot = random.nextInt(20) * 1_999;
            int delta = random.nextInt(2) == 0 ? -1 : 1;
            int want = expected.merge(group + "/" + slot, delta, Integer::sum);
            if (want == 0) {
                expected.remove(group + "/" + slot);
            }
            assertThat(counts.add(group, slot, delta)).isEqualTo(want);
            mostShared = Math.max(mostShared, counts.countsInMap());
        }
        assertThat(mostShared).isPositive();
        for (Map.Entry<String, Integer> e : expected.entrySet()) {
            String[] key = e.getKey().split("/");
            assertThat(counts.add(Integer.parseInt(key[0]), Integer.parseInt(key[1]), -e.getValue())).isZero();
        }
        assertThat(counts.countsInMap()).isZero();
    }

    @Test
    void aSecondGroupOnABusyConnectionCountsApartUntilItsCountIsBackAtZero() {
        ConnectionCounts counts = new ConnectionCounts();
        assertThat(counts.add(0, 5, 1)).isEqualTo(1); // slot 5 counts for group 0
        assertThat(counts.add(1, 5, 1)).isEqualTo(1); // group 1 meanwhile: in the map
        assertThat(counts.countsInMap()).isEqualTo(1);
        assertThat(counts.add(0, 5, -1)).isZero(); // slot 5 is free again
        assertThat(counts.add(1, 5, 1)).isEqualTo(2); // but group 1's count stays where it is
        assertThat(counts.add(0, 5, 1)).isEqualTo(1); // group 0 takes the free slot again
        assertThat(counts.add(1, 5, -2)).isZero();
        assertThat(counts.countsInMap()).isZero();
        assertThat(counts.add(0, 5, -1)).isZero();
        assertThat(counts.add(1, 5, -1)).isEqualTo(-1); // a -1 before its +1 holds the slot for group 1
        assertThat(counts.add(0, 5, 1)).isEqualTo(1);
        assertThat(counts.countsInMap()).isEqualTo(1);
        assertThat(counts.add(1, 5, 1)).isZero();
        assertThat(counts.add(7, 70_000, 1)).isEqualTo(1); // a slot far past any page made so far
    }

    @Test
    void whatDoesNotFitTheSlotCountsInTheMap() {
        ConnectionCounts counts = new ConnectionCounts();
        for (int i = 1; i <= 40_000; i++) { // past a short: the count moves to the map at 32,768
            assertThat(counts.add(2, 9, 1)).isEqualTo(i);
        }
        assertThat(counts.countsInMap()).isEqualTo(1);
        assertThat(counts.add(3, 9, 1)).isEqualTo(1); // the slot is free again, for another group
        for (int i = 39_999; i >= 0; i--) {
            assertThat(counts.add(2, 9, -1)).isEqualTo(i);
        }
        assertThat(counts.countsInMap()).isZero();
        assertThat(counts.add(0xFFFF, 10, 1)).isEqualTo(1); // a group number beyond the slot's 16 bits
        assertThat(counts.countsInMap()).isEqualTo(1);
        assertThat(counts.add(0xFFFE, 11, -1)).isEqualTo(-1); // the last that fits, and a count below 0
        assertThat(counts.countsInMap()).isEqualTo(1);
        assertThat(counts.add(0xFFFE, 11, 1)).isZero();
        assertThat(counts.add(0xFFFF, 10, -1)).isZero();
        assertThat(counts.countsInMap()).isZero();
    }
}
