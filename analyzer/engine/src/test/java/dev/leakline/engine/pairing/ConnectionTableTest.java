package dev.leakline.engine.pairing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.leakline.engine.event.JvmRun;

/** Counts per connection of a run, its first-named pool, in order of first appearance. */
class ConnectionTableTest {
    private static final JvmRun RUN_A = new JvmRun(1_000, 11);
    private static final JvmRun RUN_B = new JvmRun(2_000, 22);

    @Test
    void countsAndPoolPerConnectionOfEachRun() {
        ConnectionTable table = new ConnectionTable();
        table.opened(RUN_A, 7);
        table.released(RUN_B, 7, null, true); // the same id in another run is another connection
        table.opened(RUN_A, 7);
        table.released(RUN_A, 7, "pool-a", false);
        table.released(RUN_A, 7, "pool-z", false); // the first pool named stays
        table.opened(RUN_A, 3);
        table.released(RUN_B, 7, "pool-b", true);

        assertThat(table.list()).containsExactly(new Connection(RUN_A, 7, "pool-a", 2, 2, 0),
                new Connection(RUN_B, 7, "pool-b", 0, 0, 2), new Connection(RUN_A, 3, null, 1, 0, 0));
        assertThat(table.pool(RUN_A, 7)).isEqualTo("pool-a");
        assertThat(table.pool(RUN_A, 3)).isNull();
        assertThat(table.pool(RUN_A, 99)).isNull();
    }

    @Test
    void aMillionConnectionsKeepTheirOwnCounts() {
        ConnectionTable table = new ConnectionTable();
        int n = 1_000_000;
        for (int i = 0; i < n; i++) {
            table.opened(i % 2 == 0 ? RUN_A : RUN_B, 1L << 40 | i / 2);
        }
        for (int i = 0; i < n; i += 3) {
            table.released(i % 2 == 0 ? RUN_A : RUN_B, 1L << 40 | i / 2, i % 5 == 0 ? "p" + i % 7 : null, i % 2 == 0);
        }

        List<Connection> all = table.list();
        assertThat(all).hasSize(n);
        for (int i : new int[] {0, 1, 3, 5, 10, 15, 999_999, 500_001}) {
            boolean released = i % 3 == 0;
            assertThat(all.get(i)).isEqualTo(new Connection(i % 2 == 0 ? RUN_A : RUN_B, 1L << 40 | i / 2,
                    released && i % 5 == 0 ? "p" + i % 7 : null, 1, released && i % 2 != 0 ? 1 : 0,
                    released && i % 2 == 0 ? 1 : 0));
        }
    }
}
