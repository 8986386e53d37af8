package dev.leakline.engine.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The waiting changes must come out exactly as a plain list sorted at each drain gives them: every change before the
 * drain's instant, by time, at one instant the -1s first, else in the order told, each once.
 */
class PendingChangesTest {
    private static final long SECOND = 1_000_000_000L;

    /** A change as the reference keeps it: its values and the order it was told in. */
    private static final class Change {
        long time;
        final int connection;
        final int groupDelta;
        final int told;

        Change(long time, int connection, int groupDelta, int told) {
            this.time = time;
            this.connection = connection;
            this.groupDelta = groupDelta;
            this.told = told;
        }
    }

    /**
     * Chunks of changes told out of order within a few seconds, some moved earlier while they wait, drained a few
     * seconds behind the reader, over several pages of the columns and with the positions moved back to 0 often.
     */
    @Test
    void drainsInTimeOrderAsASortedListDoes() {
        for (int seed = 1; seed <= 4; seed++) {
            checkAgainstSortedList(new SplittableRandom(seed), new PendingChanges(64), 40_000, 3 * SECOND);
        }
    }

    /** The same with the default positions (no moving back) and a lag longer than the chunks, so batches pile up. */
    @Test
    void drainsInTimeOrderWithManyBatchesWaiting() {
        checkAgainstSortedList(new SplittableRandom(9), new PendingChanges(), 60_000, 20 * SECOND);
    }

    /** Drains far apart: more than the packed sort key covers, so the slow sort orders them, the same way. */
    @Test
    void aSpanOfHoursIsDrainedInTheSameOrder() {
        SplittableRandom random = new SplittableRandom(3);
        PendingChanges pending = new PendingChanges(16);
        List<Change> reference = new ArrayList<>();
        int told = 0;
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 2_000; i++) {
                long time = random.nextLong(5 * 3600 * SECOND) / SECOND * SECOND; // whole seconds: many ties
                int connection = random.nextInt(4) - 1;
                int groupDelta = random.nextInt(6);
                pending.add(time, connection, groupDelta);
                reference.add(new Change(time, connection, groupDelta, told++));
            }
            long before = (round + 1) * 3600 * SECOND;
            assertThat(drain(pending, before)).isEqualTo(drainReference(reference, before));
            assertThat(pending.size()).isEqualTo(reference.size());
        }
    }

    @Test
    void aChangeMovedEarlierIsDrainedAtItsNewTime() {
        PendingChanges pending = new PendingChanges();
        pending.add(10 * SECOND, 0, 3);
        pending.drainBefore(SECOND, (t, c, g) -> { });
        pending.add(12 * SECOND, 0, 2);
        pending.add(11 * SECOND, 1, 2);

        assertThat(pending.moveEarlier(12 * SECOND, 1, 2, 5 * SECOND)).isFalse(); // no such change on connection 1
        assertThat(pending.moveEarlier(12 * SECOND, 0, 2, 5 * SECOND)).isTrue();
        assertThat(drain(pending, 9 * SECOND)).containsExactly(List.of(5 * SECOND, 0L, 2L));
        assertThat(drain(pending, Long.MAX_VALUE)).containsExactly(List.of(10 * SECOND, 0L, 3L),
                List.of(11 * SECOND, 1L, 2L));
        assertThat(pending.size()).isZero();
    }

    private static void checkAgainstSortedList(SplittableRandom random, PendingChanges pending, int count, long lag) {
        List<Change> reference = new ArrayList<>();
        List<Change> waiting = new ArrayList<>();
        long now = 100 * SECOND;
        int told = 0;
        long drained = 0;
        while (told < count) {
            int inChunk = 1 + random.nextInt(3_000);
            for (int i = 0; i < inChunk && told < count; i++) {
                long time = now - random.nextLong(2 * SECOND); // a chunk's events: within two seconds, in any order
                if (i % 50 == 0) {
                    time = now / SECOND * SECOND; // ties on whole seconds
                }
                int connection = random.nextInt(20) - 1;
                int groupDelta = random.nextInt(10);
                pending.add(time, connection, groupDelta);
                Change change = new Change(time, connection, groupDelta, told++);
                reference.add(change);
                waiting.add(change);
                if (random.nextInt(40) == 0 && waiting.size() > 10) { // an earlier finish of a waiting change
                    Change moved = waiting.get(waiting.size() - 1 - random.nextInt(10));
                    long to = moved.time - random.nextLong(SECOND);
                    if (lastWithSameValues(reference, moved) == moved) {
                        assertThat(pending.moveEarlier(moved.time, moved.connection, moved.groupDelta, to)).isTrue();
                        moved.time = to;
                    }
                }
                now += random.nextLong(200_000);
            }
            long before = now - lag;
            List<List<Long>> got = drain(pending, before);
            List<List<Long>> want = drainReference(reference, before);
            assertThat(got).isEqualTo(want);
            drained += got.size();
            waiting.removeIf(c -> c.time < before);
            assertThat(pending.size()).isEqualTo(reference.size());
        }
        List<List<Long>> rest = drain(pending, Long.MAX_VALUE);
        assertThat(rest).isEqualTo(drainReference(reference, Long.MAX_VALUE));
        assertThat(drained + rest.size()).isEqualTo(count);
        assertThat(pending.size()).isZero();
    }

    /** The change {@link PendingChanges#moveEarlier} finds for these values: the last told of those waiting. */
    private static Change lastWithSameValues(List<Change> reference, Change change) {
        Change last = null;
        for (Change c : reference) {
            if (c.time == change.time && c.connection == change.connection && c.groupDelta == change.groupDelta) {
                last = c;
            }
        }
        return last;
    }

    private static List<List<Long>> drain(PendingChanges pending, long before) {
        List<List<Long>> out = new ArrayList<>();
        long count = pending.drainBefore(before, (t, c, g) -> out.add(List.of(t, (long) c, (long) g)));
        assertThat(count).isEqualTo(out.size());
        return out;
    }

    private static List<List<Long>> drainReference(List<Change> reference, long before) {
        List<Change> ready = new ArrayList<>();
        reference.removeIf(c -> c.time < before && ready.add(c));
        ready.sort(Comparator.comparingLong((Change c) -> c.time).thenComparingInt(c -> c.groupDelta & 1)
                .thenComparingInt(c -> c.told));
        List<List<Long>> out = new ArrayList<>();
        for (Change c : ready) {
            out.add(List.of(c.time, (long) c.connection, (long) c.groupDelta));
        }
        return out;
    }
}
