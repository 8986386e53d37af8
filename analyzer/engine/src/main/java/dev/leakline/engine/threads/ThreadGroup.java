package dev.leakline.engine.threads;

import java.util.List;

import dev.leakline.engine.event.Frame;

/**
 * Threads alive at the end of the recording with the same folded name and the same creator.
 *
 * @param namePattern     the folded name, e.g. {@code HttpClient-#-SelectorManager}
 * @param creatorSite     the first application frame of the {@code Thread.start()} call, null when the threads
 *                        started before the recording (no {@code jdk.ThreadStart}) or the stack has no application frame
 * @param creatorFrames   up to three application frames of that call, innermost first
 * @param parentThreads   names of the threads that started them
 * @param count           how many
 * @param startedBeforeRecording how many have no {@code jdk.ThreadStart} in the recording
 * @param exampleNames    up to three real names
 * @param firstStartNanos the earliest start, -1 when none recorded
 * @param lastStartNanos  the latest start, -1 when none recorded
 * @param relatedSites    leak sites that look related (same code, or same client in the same time window)
 */
public record ThreadGroup(String namePattern, String creatorSite, List<Frame> creatorFrames, List<String> parentThreads,
        int count, int startedBeforeRecording, List<String> exampleNames, long firstStartNanos, long lastStartNanos,
        List<Related> relatedSites) {
    public ThreadGroup {
        creatorFrames = List.copyOf(creatorFrames);
        parentThreads = List.copyOf(parentThreads);
        exampleNames = List.copyOf(exampleNames);
        relatedSites = List.copyOf(relatedSites);
    }

    /** A leak site and why it looks related to a thread group. */
    public record Related(String site, String reason) {
    }
}
