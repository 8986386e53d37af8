package dev.leakline.engine.pairing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.leakline.engine.event.Frame;

/**
 * {@link CleanCounts} must count as a plain map from (client, stack by value, folded thread name) would, in order of
 * each group's first response, whatever objects the values come in: the same object again (the reader's usual), an
 * equal copy (another chunk's), more objects than it remembers, and counts moved away and back.
 */
class CleanCountsTest {
    private static final List<String> CLIENTS = List.of("java.net.http", "okhttp3");

    @Test
    void countsAsAMapByValueOverManyObjectsAndMoves() {
        CleanCounts counts = new CleanCounts();
        Map<List<Object>, Long> model = new LinkedHashMap<>();
        List<CleanCounts.Group> counted = new ArrayList<>();
        Random random = new Random(11);
        List<List<Frame>> stacks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            stacks.add(List.of(new Frame("com.example.Caller" + i, "call", 10 + i)));
        }
        // Thread names that fold to few patterns, as many objects: more combinations than the cache holds.
        List<String> threads = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            threads.add((i % 2 == 0 ? "worker-" : "HttpClient-") + i);
        }
        for (int step = 0; step < 50_000; step++) {
            String client = CLIENTS.get(random.nextInt(CLIENTS.size()));
            List<Frame> stack = stacks.get(random.nextInt(stacks.size()));
            if (random.nextInt(4) == 0) {
                stack = new ArrayList<>(stack); // an equal stack in another object
            }
            String thread = random.nextInt(10) == 0 ? null : threads.get(random.nextInt(threads.size()));
            if (random.nextInt(5) == 0) {
                thread = thread == null ? null : new String(thread); // an equal name in another object
            }
            if (!counted.isEmpty() && random.nextInt(20) == 0) {
                // A start read after its response was counted: the count moves to the start's stack and thread.
                int which = random.nextInt(counted.size());
                CleanCounts.Group from = counted.get(which);
                CleanCounts.Group to = counts.move(from, stack, thread);
                List<Object> fromKey = List.of(from.client(), from.stack(), from.thread());
                List<Object> toKey = key(from.client(), stack, thread);
                if (!fromKey.equals(toKey)) {
                    if (model.merge(fromKey, -1L, Long::sum) == 0) {
                        model.remove(fromKey);
                    }
                    model.merge(toKey, 1L, Long::sum);
                }
                assertThat(List.of(to.client(), to.stack(), to.thread())).isEqualTo(toKey);
                counted.set(which, to);
            } else {
                CleanCounts.Group group = counts.add(client, stack, thread);
                List<Object> key = key(client, stack, thread);
                assertThat(List.<Object>of(group.client(), group.stack(), group.thread())).isEqualTo(key);
                model.merge(key, 1L, Long::sum);
                counted.add(group);
            }
        }
        List<List<Object>> listed = new ArrayList<>();
        for (CleanGroup g : counts.list()) {
            listed.add(List.of(g.client(), g.stack(), g.thread(), g.count()));
        }
        List<List<Object>> expected = new ArrayList<>();
        model.forEach((k, n) -> expected.add(List.of(k.get(0), k.get(1), k.get(2), n)));
        assertThat(listed).isEqualTo(expected);
    }

    @Test
    void aGroupMovedToNothingAndCountedAgainComesLastWithItsNewCount() {
        CleanCounts counts = new CleanCounts();
        List<Frame> open = List.of(new Frame("com.example.Client", "send", 1));
        List<Frame> start = List.of(new Frame("com.example.App", "run", 2));
        String thread = "worker-1";
        CleanCounts.Group first = counts.add("okhttp3", open, thread);
        counts.add("okhttp3", start, thread);
        counts.move(first, start, thread); // the open's group has no response left: it goes
        counts.add("okhttp3", open, thread); // the same objects again: counted anew, not in the group that went
        assertThat(counts.list()).containsExactly(
                new CleanGroup("okhttp3", start, 2, "worker-#"),
                new CleanGroup("okhttp3", open, 1, "worker-#"));
    }

    private static List<Object> key(String client, List<Frame> stack, String thread) {
        return java.util.Arrays.asList(client, stack, thread == null ? "(unnamed)" : thread.replaceAll("[0-9]+", "#"));
    }
}
