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
 * @param appPackages   the application's own package prefixes ({@code --app-package}): a frame in one of them is the
 *                      site even after a library frame; when empty, the package of each recording's main class is
 *                      used
 */
public record AnalysisOptions(Duration minAge, List<String> skipFrames, List<String> ignoreThreads,
        boolean keepCleanResponses, List<String> appPackages) {
    /** Five seconds: longer than any healthy request-response exchange we expect, short enough for test recordings. */
    public static final Duration DEFAULT_MIN_AGE = Duration.ofSeconds(5);

    public AnalysisOptions {
        if (minAge == null || minAge.isNegative()) {
            throw new IllegalArgumentException("minAge must be zero or positive, was " + minAge);
        }
        skipFrames = List.copyOf(skipFrames);
        ignoreThreads = List.copyOf(ignoreThreads);
        appPackages = List.copyOf(appPackages);
        for (String p : appPackages) {
            if (p == null || p.isBlank()) {
                throw new IllegalArgumentException("an application package must not be empty; name a package prefix"
                        + " such as com.example.shop");
            }
        }
    }

    /** Options without application packages. */
    public AnalysisOptions(Duration minAge, List<String> skipFrames, List<String> ignoreThreads,
            boolean keepCleanResponses) {
        this(minAge, skipFrames, ignoreThreads, keepCleanResponses, List.of());
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
