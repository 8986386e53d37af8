package dev.leakline.analyzer.watch;

/** Where the live view goes: a redrawn screen on a terminal, a change log elsewhere. */
public interface LiveView {
    /** The watch began. */
    void started(WatchInfo info);

    /** About once a second, with the verdicts as of now. */
    void update(LiveState now);

    /** Whether the output failed (a closed pipe, a full disk): then watching on is pointless. */
    boolean outputFailed();

    /** The watch ended; {@code last} is the final state, judged as of the end. */
    void ended(LiveState last, String reason, int exitCode);
}
