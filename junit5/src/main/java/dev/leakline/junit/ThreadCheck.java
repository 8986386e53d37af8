package dev.leakline.junit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * goleak for JVM threads: the threads alive after a test that were not alive before it, minus the ones
 * that are expected to outlive any test ({@link ThreadFilter}).
 */
final class ThreadCheck {
    private ThreadCheck() {
    }

    /** Ids of the live threads, without taking their stacks (unlike {@code Thread.getAllStackTraces()}). */
    static Set<Long> liveIds() {
        Set<Long> ids = new HashSet<>();
        for (Thread t : liveThreads()) {
            ids.add(t.getId());
        }
        return ids;
    }

    /**
     * The threads that the test left running. When the test ran alongside others, only threads that its
     * own thread started (transitively, per {@code jdk.ThreadStart}) count.
     */
    static List<Thread> leftover(TestRun run, Observed observed) {
        List<Thread> left = new ArrayList<>();
        ThreadFilter filter = run.settings().threadFilter();
        for (Thread t : liveThreads()) {
            if (!t.isAlive() || run.threadsBefore().contains(t.getId()) || t == Thread.currentThread()
                    || filter.ignores(t.getName())) {
                continue;
            }
            if (run.overlapped()
                    && !observed.descendsFrom(t.getId(), run.threadId(), observed.begin(run.id()).orElse(Instant.MIN))) {
                continue;
            }
            left.add(t);
        }
        left.sort(Comparator.comparing(Thread::getName));
        return left;
    }

    private static List<Thread> liveThreads() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 16];
        int n;
        while ((n = root.enumerate(threads, true)) == threads.length) {
            threads = new Thread[threads.length * 2]; // More threads than room: enumerate again, larger.
        }
        List<Thread> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(threads[i]);
        }
        return list;
    }
}
