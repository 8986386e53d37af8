package dev.leakline.engine.threads;

import java.util.List;

/**
 * Threads of the recording.
 *
 * @param recorded        whether the recording has {@code jdk.ThreadStart}/{@code jdk.ThreadEnd} at all; without them
 *                        nothing can be said about threads
 * @param started         threads started during the recording
 * @param ended           threads ended during the recording
 * @param aliveAtEnd      groups of threads alive at the end, not on the ignore list, largest first
 * @param ignoredAlive    threads alive at the end that the ignore list hid
 * @param lives           every thread not on the ignore list, with when it started and ended (for the timeline),
 *                        by folded name
 */
public record ThreadFindings(boolean recorded, int started, int ended, List<ThreadGroup> aliveAtEnd, int ignoredAlive,
        List<ThreadLife> lives) {
    public ThreadFindings {
        aliveAtEnd = List.copyOf(aliveAtEnd);
        lives = List.copyOf(lives);
    }

    /** Threads alive at the end and not ignored. */
    public int aliveCount() {
        return aliveAtEnd.stream().mapToInt(ThreadGroup::count).sum();
    }
}
