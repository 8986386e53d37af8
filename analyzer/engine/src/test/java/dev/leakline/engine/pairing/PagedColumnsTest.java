package dev.leakline.engine.pairing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The paged columns read back what was set, read 0 where only made, and reuse released pages zeroed. */
class PagedColumnsTest {
    private static final int PAGE = PagedLongs.PAGE;

    @Test
    void longsReadBackWhatWasSetAndZeroOnPagesReused() {
        PagedLongs column = new PagedLongs();
        for (int i = 0; i < 3 * PAGE; i++) {
            column.set(i, 7L * i + 1);
        }
        column.release(2 * PAGE + 5); // the first two pages go; the third, still read, stays

        assertThatThrownBy(() -> column.get(PAGE)).isInstanceOf(NullPointerException.class);
        assertThat(column.get(2 * PAGE + 5)).isEqualTo(7L * (2 * PAGE + 5) + 1);
        column.set(5 * PAGE, 3); // makes pages 3 to 5, two of them the ones released
        for (int i = 3 * PAGE; i < 5 * PAGE; i++) {
            assertThat(column.get(i)).as("index %d", i).isZero();
        }
        assertThat(column.get(5 * PAGE)).isEqualTo(3);
        assertThat(column.get(3 * PAGE - 1)).isEqualTo(7L * (3 * PAGE - 1) + 1);
    }

    @Test
    void intsReadBackWhatWasSetAndZeroOnPagesReused() {
        PagedInts column = new PagedInts();
        for (int i = 0; i < 2 * PAGE; i++) {
            column.set(i, -i);
        }
        column.release(2 * PAGE); // both pages go

        assertThat(column.has(PAGE)).isFalse();
        assertThat(column.has(2 * PAGE)).isFalse(); // not made yet
        column.set(3 * PAGE, 9); // pages 2 and 3: the released ones, zeroed
        for (int i = 2 * PAGE; i < 3 * PAGE; i++) {
            assertThat(column.get(i)).as("index %d", i).isZero();
        }
        assertThat(column.get(3 * PAGE)).isEqualTo(9);
        column.release(0); // nothing below 0: nothing changes
        assertThat(column.get(3 * PAGE)).isEqualTo(9);
    }
}
