package dev.leakline.engine.analysis;

import java.time.Duration;
import java.util.List;

/**
 * The analyzer's knobs.
 *
 * @param minAge        how long a response may stay unfinished before it counts as leaked; default {@link #DEFAULT_MIN_AGE}
 * @param skipFrames    package prefixes whose frames are not the application's, besides the built-in ones
 * @param ignoreThreads thread name globs (on folded names) to leave out, besides the built-in ones
 * @param keepCleanResponses keep every clean response in {@code Analysis.pairing().responses()} (for a timeline)
 *                      instead of folding them into counts; memory then grows with the number of responses
 */
public record AnalysisOptions(Duration minAge, List<String> skipFrames, List<String> ignoreThreads,
        boolean keepCleanResponses) {
    /** Five seconds: longer than any healthy request-response exchange we expect, short enough for test recordings. */
    public static final Duration DEFAULT_MIN_AGE = Duration.ofSeconds(5);

    public AnalysisOptions {
        if (minAge == null || minAge.isNegative()) {
            throw new IllegalArgumentException("minAge must be zero or positive, was " + minAge);
        }
        skipFrames = List.copyOf(skipFrames);
        ignoreThreads = List.copyOf(ignoreThreads);
    }

    /** Options that fold clean responses into counts (what the analyze command uses). */
    public AnalysisOptions(Duration minAge, List<String> skipFrames, List<String> ignoreThreads) {
        this(minAge, skipFrames, ignoreThreads, false);
    }

    /** The defaults. */
    public static AnalysisOptions defaults() {
        return new AnalysisOptions(DEFAULT_MIN_AGE, List.of(), List.of());
    }
}
