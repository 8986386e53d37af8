package dev.leakline.jfr.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The JVM-wide block count in the system properties, and ids from many threads at once. */
class ResponseIdsTest {
    @Test
    void eachReservationTakesTheNextBlockAndLeavesAStringInTheProperties() {
        long first = ResponseIds.reserveBlock();
        long second = ResponseIds.reserveBlock();
        assertThat(second).isEqualTo(first + 1);
        assertThat(System.getProperty(ResponseIds.PROPERTY)).isEqualTo(String.valueOf(second + 1));
    }

    @Test
    void aPropertyOverwrittenWithGarbageGivesABlockFarAboveTheCountedOnes() {
        String before = System.getProperty(ResponseIds.PROPERTY);
        try {
            System.setProperty(ResponseIds.PROPERTY, "not a number");
            assertThat(ResponseIds.reserveBlock()).isEqualTo(1L << 29);
            assertThat(ResponseIds.reserveBlock()).isEqualTo((1L << 29) + 1);
        } finally {
            System.setProperty(ResponseIds.PROPERTY, before);
        }
    }

    @Test
    void idsFromEightThreadsAreDistinctNonZeroAndCounted() throws Exception {
        long issuedBefore = ResponseIds.issued();
        Set<Long> ids = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            pool.execute(() -> {
                Set<Long> mine = new HashSet<>();
                for (int i = 0; i < 10_000; i++) {
                    mine.add(ResponseIds.next());
                }
                ids.addAll(mine);
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(ids).hasSize(80_000).doesNotContain(0L);
        assertThat(ResponseIds.issued() - issuedBefore).isEqualTo(80_000);
    }
}
