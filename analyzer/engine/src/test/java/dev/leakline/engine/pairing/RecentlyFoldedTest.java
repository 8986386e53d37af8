package dev.leakline.engine.pairing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.leakline.engine.event.JvmRun;

/**
 * {@link RecentlyFolded} must answer as the map it replaced did: a {@link LinkedHashMap} in insertion order that
 * forgets its eldest entry past the capacity, a put of a present key keeping its place.
 */
class RecentlyFoldedTest {
    private static final JvmRun A = new JvmRun(1_000, 7);
    private static final JvmRun B = new JvmRun(2_000, 8);

    @Test
    void forgetsTheOldestFoldFirstAndKeepsARefoldInItsPlace() {
        RecentlyFolded<String> ring = new RecentlyFolded<>(3);
        ring.put(A, 1, "g1");
        ring.put(A, 2, "g2");
        ring.put(B, 1, "g3");
        ring.put(A, 1, "g4"); // present: new group, same place (the oldest still)
        assertThat(ring.get(A, 1)).isEqualTo("g4");
        ring.put(A, 3, "g5"); // full: (A, 1) goes
        assertThat(ring.contains(A, 1)).isFalse();
        assertThat(ring.get(A, 2)).isEqualTo("g2");
        assertThat(ring.get(B, 1)).isEqualTo("g3");
        assertThat(ring.get(A, 3)).isEqualTo("g5");
        assertThat(ring.get(B, 2)).isNull();
        assertThat(ring.size()).isEqualTo(3);
    }

    @Test
    void answersAsTheEvictingMapItReplacedOverRandomFolds() {
        int capacity = 64;
        Map<List<Object>, String> map = new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<List<Object>, String> eldest) {
                return size() > capacity;
            }
        };
        RecentlyFolded<String> ring = new RecentlyFolded<>(capacity);
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            JvmRun run = random.nextBoolean() ? A : new JvmRun(B.jvmStartEpochMillis(), B.pid()); // equal, not same
            long id = random.nextInt(200);
            if (random.nextInt(3) == 0) {
                String group = "g" + random.nextInt(5);
                map.put(List.of(run, id), group);
                ring.put(run, id, group);
            } else {
                assertThat(ring.contains(run, id)).as("step %d", i).isEqualTo(map.containsKey(List.of(run, id)));
                assertThat(ring.get(run, id)).as("step %d", i).isEqualTo(map.get(List.of(run, id)));
            }
            assertThat(ring.size()).isEqualTo(map.size());
        }
    }
}
