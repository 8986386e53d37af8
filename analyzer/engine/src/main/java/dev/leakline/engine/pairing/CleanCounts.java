package dev.leakline.engine.pairing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.leakline.engine.event.Frame;
import dev.leakline.engine.threads.ThreadNames;

/**
 * The count of clean responses per group (client, opening stack, folded thread name), in order of each group's first
 * response: what a clean response leaves behind once the pairing lets go of it.
 *
 * <p>Every clean response is counted here, so the common case costs no object and no hashing of frames or names: the
 * reader hands out one object per distinct stack, thread name and client within a chunk, and the groups of those
 * objects are remembered by identity ({@link #RECENT}). Only a response whose objects were not seen lately
 * has its stack made canonical (one list per distinct stack, so a {@link Group} compares stacks by identity) and its
 * thread name folded.
 */
final class CleanCounts {
    /**
     * How many groups are remembered by the objects they were last counted from: a power of two. A thread name is one of
     * those objects, and the 1.8 GB bench recording's 2,000 threads with their stacks missed 28 % of the time in 1,024
     * cells, 9 % in this many (128 KB).
     */
    private static final int RECENT = 8192;
    /** Caches by identity, each emptied when it reaches this size so it never holds more. */
    private static final int INSTANCES = 4096;

    /**
     * A clean group's key. Its stack is canonical, so identity stands for equality and a clean response costs no
     * hashing of its frames.
     */
    record Group(String client, List<Frame> stack, String thread) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Group g && g.stack == stack && java.util.Objects.equals(g.client, client)
                    && java.util.Objects.equals(g.thread, thread);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * System.identityHashCode(stack) + java.util.Objects.hashCode(client))
                    + java.util.Objects.hashCode(thread);
        }
    }

    /** A group's count; the map's key instance, so every response of a group names one object. */
    private static final class Count {
        final Group group;
        long n;

        Count(Group group) {
            this.group = group;
        }
    }

    private final Map<Group, Count> counts = new LinkedHashMap<>();
    private final Map<List<Frame>, List<Frame>> canonicalStacks = new HashMap<>();
    /** The canonical stack of each stack list met lately, by identity (no hashing of frames). */
    private final Map<List<Frame>, List<Frame>> stackInstances = new IdentityHashMap<>();
    /** {@link ThreadNames#fold} of each thread name met lately: a regular expression per response cost more. */
    private final Map<String, String> foldedNames = new HashMap<>();
    /** Per cell: the client, stack and thread name objects a response was last counted from, and their count. */
    private final String[] recentClients = new String[RECENT];
    private final Object[] recentStacks = new Object[RECENT];
    private final String[] recentThreads = new String[RECENT];
    private final Count[] recentCounts = new Count[RECENT];

    /** Counts one clean response; returns its group. */
    Group add(String client, List<Frame> stack, String threadName) {
        int cell = (System.identityHashCode(stack) * 31 + System.identityHashCode(threadName)) & (RECENT - 1);
        Count count = recentCounts[cell];
        if (count == null || recentStacks[cell] != stack || recentThreads[cell] != threadName
                || recentClients[cell] != client) {
            count = counts.computeIfAbsent(group(client, stack, threadName), Count::new);
            recentClients[cell] = client;
            recentStacks[cell] = stack;
            recentThreads[cell] = threadName;
            recentCounts[cell] = count;
        }
        count.n++;
        return count.group;
    }

    /**
     * Moves one response's count from {@code from} to the group of the stack and thread given (an asynchronous
     * request's start, read after its response was counted on the open's stack); returns the group it is in now.
     */
    Group move(Group from, List<Frame> stack, String threadName) {
        Group to = group(from.client(), stack, threadName);
        if (to.equals(from)) {
            return from;
        }
        Count count = counts.get(from);
        if (count != null && --count.n == 0) {
            counts.remove(from);
            Arrays.fill(recentCounts, null); // none may name a group that is gone
        }
        return add(from.client(), stack, threadName);
    }

    /** Every group with its count, in order of its first response. */
    List<CleanGroup> list() {
        List<CleanGroup> groups = new ArrayList<>(counts.size());
        counts.forEach((g, count) -> groups.add(new CleanGroup(g.client(), g.stack(), count.n, g.thread())));
        return groups;
    }

    private Group group(String client, List<Frame> stack, String threadName) {
        return new Group(client, canonical(stack), foldedName(threadName));
    }

    private String foldedName(String threadName) {
        if (threadName == null) {
            return ThreadNames.fold(null);
        }
        String folded = foldedNames.get(threadName);
        if (folded == null) {
            folded = ThreadNames.fold(threadName);
            if (foldedNames.size() >= INSTANCES) {
                foldedNames.clear();
            }
            foldedNames.put(threadName, folded);
        }
        return folded;
    }

    private List<Frame> canonical(List<Frame> stack) {
        List<Frame> known = stackInstances.get(stack);
        if (known == null) {
            known = canonicalStacks.computeIfAbsent(stack, s -> s);
            if (stackInstances.size() >= INSTANCES) {
                stackInstances.clear();
            }
            stackInstances.put(stack, known);
        }
        return known;
    }
}
