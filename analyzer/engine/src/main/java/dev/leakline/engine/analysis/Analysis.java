package dev.leakline.engine.analysis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.leakline.engine.pairing.LossWindow;
import dev.leakline.engine.format.Formats;
import dev.leakline.engine.pairing.PairingResult;
import dev.leakline.engine.pairing.Response;
import dev.leakline.engine.pairing.Verdict;
import dev.leakline.engine.event.ChunkFacts;
import dev.leakline.engine.sites.FrameFilter;
import dev.leakline.engine.sites.Site;
import dev.leakline.engine.threads.ThreadFindings;

/**
 * Everything the analyzer found in a set of recordings; the model the text and JSON reports (and later commands)
 * are built from.
 *
 * @param inputs          the paths analyzed, as given
 * @param options         the options used
 * @param runs            JVM runs, by start
 * @param chunks          every chunk met, read or not
 * @param losses          windows where events may be missing
 * @param leaklineEvents  how many Leakline events the recordings hold
 * @param pairing         responses, verdicts and orphans
 * @param sites           responses grouped by opening line, what to fix first
 * @param threads         threads alive at the end
 * @param warnings        problems that did not stop the analysis, one line each
 * @param frames          how sites were found: the skipped prefixes and the application packages in force (the
 *                        options' plus, when they name none, each recording's main class's package)
 */
public record Analysis(List<String> inputs, AnalysisOptions options, List<RunFacts> runs, List<ChunkFacts> chunks,
        List<LossWindow> losses, long leaklineEvents, PairingResult pairing, List<Site> sites, ThreadFindings threads,
        List<String> warnings, FrameFilter frames) {
    public Analysis {
        inputs = List.copyOf(inputs);
        runs = List.copyOf(runs);
        chunks = List.copyOf(chunks);
        losses = List.copyOf(losses);
        sites = List.copyOf(sites);
        warnings = List.copyOf(warnings);
    }

    /** An analysis whose sites were found with the options' prefixes and application packages only. */
    public Analysis(List<String> inputs, AnalysisOptions options, List<RunFacts> runs, List<ChunkFacts> chunks,
            List<LossWindow> losses, long leaklineEvents, PairingResult pairing, List<Site> sites,
            ThreadFindings threads, List<String> warnings) {
        this(inputs, options, runs, chunks, losses, leaklineEvents, pairing, sites, threads, warnings,
                FrameFilter.of(options.skipFrames(), options.appPackages()));
    }

    /**
     * The options that decided the verdicts and sites, as label and value for a person, in the order the reports show
     * them: minimum age, application packages (and where they came from), skipped frames.
     */
    public Map<String, String> optionsInForce() {
        Map<String, String> used = new LinkedHashMap<>();
        used.put("Minimum age", Formats.typed(options.minAge()));
        String from = !options.appPackages().isEmpty() ? " (--app-package)" : " (the main class's package)";
        used.put("Application packages", frames.appPackages().isEmpty()
                ? "none named: the site is the first frame that is not the JDK's, Leakline's or a library's"
                : String.join(", ", frames.appPackages()) + from);
        used.put("Skipped frames", "the built-in list (" + FrameFilter.DEFAULT_SKIPPED_PREFIXES.size()
                + " prefixes: the JDK, Leakline, libraries and frameworks)" + (frames.extraSkippedPrefixes().isEmpty()
                        ? "" : " and " + String.join(", ", frames.extraSkippedPrefixes()) + " (--skip-frames)"));
        return used;
    }

    /** The site of one response, found as the analysis found its sites. */
    public String siteOf(Response response) {
        return frames.siteOf(response.stack());
    }

    /** Responses leaked, over all sites. */
    public long leaked() {
        return pairing.count(Verdict.LEAKED);
    }

    /** Sites with at least one leaked response. */
    public List<Site> leakSites() {
        return sites.stream().filter(s -> s.count(Verdict.LEAKED) > 0).toList();
    }

    /** Chunks whose events reached the analysis. */
    public long chunksRead() {
        return chunks.stream().filter(ChunkFacts::wasRead).count();
    }
}
