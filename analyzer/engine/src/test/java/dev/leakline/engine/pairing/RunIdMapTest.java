package dev.leakline.engine.pairing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.leakline.engine.event.JvmRun;

/**
 * {@link RunIdMap} must answer as a {@link HashMap} by (run, id) with a mark per entry would, through growth, removals
 * that shift a cluster back (across the end of the arrays too) and sweeps that remove while they walk.
 */
class RunIdMapTest {
    private static final JvmRun A = new JvmRun(1_000, 7);
    private static final JvmRun B = new JvmRun(2_000, 8);

    /** An entry of the model: its value and mark. */
    private static final class Entry {
        final String value;
        int mark;

        Entry(String value, int mark) {
            this.value = value;
            this.mark = mark;
        }
    }

    @Test
    void answersAsAHashMapOverRandomPutsRemovesAndSweeps() {
        RunIdMap<String> map = new RunIdMap<>();
        Map<List<Object>, Entry> model = new HashMap<>();
        Random random = new Random(7);
        int generation = 0;
        for (int step = 0; step < 60_000; step++) {
            // Equal runs that are not the same object, as two chunks of one JVM give: found all the same.
            JvmRun run = random.nextBoolean() ? A
                    : random.nextBoolean() ? B : new JvmRun(B.jvmStartEpochMillis(), B.pid());
            long id = random.nextInt(3_000);
            List<Object> key = List.of(run, id);
            int op = random.nextInt(10);
            if (op < 4) {
                if (!model.containsKey(key)) {
                    String value = "v" + step;
                    map.putNew(run, id, value, generation);
                    model.put(key, new Entry(value, generation));
                }
            } else if (op < 7) {
                map.remove(run, id);
                model.remove(key);
            } else if (op == 9 && random.nextInt(100) == 0) {
                int below = generation++;
                int keep = random.nextInt(3);
                // Takes the values whose number is divisible by 3 (or by 3 plus keep): a fixed answer per value.
                Set<String> handed = new HashSet<>();
                map.sweep(below, value -> {
                    handed.add(value);
                    return Integer.parseInt(value.substring(1)) % 3 == keep;
                });
                Set<String> expected = new HashSet<>();
                for (var it = model.values().iterator(); it.hasNext(); ) {
                    Entry e = it.next();
                    if (e.mark < below) {
                        expected.add(e.value);
                        if (Integer.parseInt(e.value.substring(1)) % 3 == keep) {
                            it.remove();
                        } else {
                            e.mark = Integer.MAX_VALUE; // kept: never handed over again
                        }
                    }
                }
                assertThat(handed).as("handed over at step %d", step).isEqualTo(expected);
            }
            Entry expected = model.get(key);
            assertThat(map.get(run, id)).as("step %d", step).isEqualTo(expected == null ? null : expected.value);
            assertThat(map.size()).isEqualTo(model.size());
        }
        List<String> all = new ArrayList<>();
        map.forEach((run, id, value) -> {
            assertThat(model.get(List.of(run, id)).value).isEqualTo(value);
            all.add(value);
        });
        assertThat(all).hasSize(model.size());
        List<String> drained = new ArrayList<>();
        map.drain((run, id, value) -> drained.add(value));
        assertThat(drained).containsExactlyInAnyOrderElementsOf(all);
        assertThat(map.size()).isZero();
        assertThat(map.get(A, 1)).isNull();
    }

    @Test
    void aSweepThatRemovesSeesEveryEntryOnceWhenTheClusterWrapsRound() {
        RunIdMap<Long> map = new RunIdMap<>();
        // Ids whose cells fill the end of the 1,024-cell arrays and run on past the start: a cluster that wraps.
        List<Long> ids = new ArrayList<>();
        for (long id = 0; ids.size() < 40; id++) {
            if ((SlotIndex.hash(A, id) & 1023) >= 1004) {
                ids.add(id);
            }
        }
        for (long id : ids) {
            map.putNew(A, id, id, 0);
        }
        List<Long> handed = new ArrayList<>();
        map.sweep(1, value -> {
            handed.add(value);
            return value % 2 == 0;
        });
        // An entry seen already that a removal shifts back round the end is kept and marked, or gone: never seen twice.
        assertThat(handed).containsExactlyInAnyOrderElementsOf(ids);
        for (long id : ids) {
            assertThat(map.get(A, id)).as("id %d", id).isEqualTo(id % 2 == 0 ? null : id);
        }
        List<Long> again = new ArrayList<>();
        map.sweep(2, again::add);
        assertThat(again).as("a kept entry is not handed over again").isEmpty();
    }
}
