package dev.leakline.jmc.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.openjdk.jmc.common.unit.UnitLookup;
import org.openjdk.jmc.common.util.IPreferenceValueProvider;
import org.openjdk.jmc.flightrecorder.rules.IResult;
import org.openjdk.jmc.flightrecorder.rules.IRule;
import org.openjdk.jmc.flightrecorder.rules.ResultBuilder;
import org.openjdk.jmc.flightrecorder.rules.Severity;
import org.openjdk.jmc.flightrecorder.rules.TypedResult;

import dev.leakline.engine.analysis.Analysis;
import dev.leakline.engine.event.Frame;
import dev.leakline.engine.findings.Advice;
import dev.leakline.engine.findings.Finding;
import dev.leakline.engine.findings.Findings;
import dev.leakline.engine.format.Formats;
import dev.leakline.engine.pairing.Verdict;
import dev.leakline.engine.sites.Site;

/**
 * Renders the engine's analysis as one JMC result. The verdicts and findings are the engine's; this class only
 * chooses JMC's severity, a score, and the words.
 *
 * <p>Score. JMC maps a score to a severity (WARNING from 75, INFO from 25). With leaks the score is
 * {@code 75 + 15 * (1 - 2^(-leaks/5)) + 10 * (1 - 2^(-oldest/60 s))}: any leak is a warning, and more leaks and older
 * ones push it towards 100 (5 leaks add 7.5, a leak open for a minute adds 5). Without leaks but with findings that
 * cost something, {@code 25 + 49 * (1 - 2^(-n/5))} over the responses and threads they cover. Otherwise 0.
 */
final class ResultRenderer {
    /** Sites named in the explanation; the rest are summed up in one line. */
    private static final int MAX_SITES = 5;

    private final IRule rule;
    private final IPreferenceValueProvider preferences;
    private final Analysis analysis;

    ResultRenderer(IRule rule, IPreferenceValueProvider preferences, Analysis analysis) {
        this.rule = rule;
        this.preferences = preferences;
        this.analysis = analysis;
    }

    IResult render() {
        List<Finding> others = Findings.of(analysis).stream()
                .filter(f -> !f.kind().equals(Verdict.LEAKED.id()) && !f.kind().equals("no_events")).toList();
        long leaked = analysis.leaked();
        if (leaked > 0) {
            return leaks(leaked, others);
        }
        if (!others.isEmpty()) {
            return costs(others);
        }
        return allFinished();
    }

    /** WARNING: responses leaked. */
    private IResult leaks(long leaked, List<Finding> others) {
        List<Site> sites = new ArrayList<>(analysis.leakSites());
        sites.sort(Comparator.comparingLong((Site s) -> -s.count(Verdict.LEAKED))
                .thenComparingLong(s -> -s.leaks().maxAgeMillis()));
        Site top = sites.get(0);
        long oldest = sites.stream().mapToLong(s -> s.leaks().maxAgeMillis()).max().orElse(0);
        double score = 75 + 15 * (1 - Math.pow(2, -leaked / 5.0)) + 10 * (1 - Math.pow(2, -oldest / 60_000.0));

        List<String> lines = new ArrayList<>();
        for (Site site : sites.subList(0, Math.min(MAX_SITES, sites.size()))) {
            Site.LeakDetail d = site.leaks();
            lines.add(site.site() + ": " + d.count() + " leaked, open " + ages(d.minAgeMillis(), d.medianAgeMillis(),
                    d.maxAgeMillis()) + pools(d.pools()));
        }
        if (sites.size() > MAX_SITES) {
            long rest = sites.subList(MAX_SITES, sites.size()).stream().mapToLong(s -> s.count(Verdict.LEAKED)).sum();
            lines.add("and " + (sites.size() - MAX_SITES) + " more site" + plural(sites.size() - MAX_SITES) + " with "
                    + rest + " leaked");
        }
        String summary = leaked + " HTTP response" + plural(leaked) + " leaked (" + Advice.explanation(Verdict.LEAKED)
                + "), " + top.count(Verdict.LEAKED) + " at " + fileLine(top) + ", the oldest open for "
                + Formats.duration(oldest) + ".";
        String explanation = "Leakline paired the responses' events: " + leaked + " response" + plural(leaked)
                + " at " + sites.size() + " site" + plural(sites.size()) + " were still unfinished at the end of the"
                + " recording, older than the minimum age (" + Formats.typed(analysis.options().minAge()) + "). An"
                + " unfinished body pins its connection (and its pool slot) until the response is garbage-collected,"
                + " if ever; pools run dry and client threads stay busy. Sites, most leaks first: {"
                + HttpResponseLeakRule.SITES.getIdentifier() + "}"
                + (others.isEmpty() ? "" : "Also: {" + HttpResponseLeakRule.OTHER_FINDINGS.getIdentifier() + "}");
        String solution = Advice.fix(Verdict.LEAKED) + " Start with " + top.site() + " (" + top.count(Verdict.LEAKED)
                + " leaked, open up to " + Formats.duration(top.leaks().maxAgeMillis()) + ").";
        return ResultBuilder.createFor(rule, preferences).setSeverity(Severity.get(score)).setSummary(summary)
                .setExplanation(explanation).setSolution(solution)
                .addResult(TypedResult.SCORE, UnitLookup.NUMBER_UNITY.quantity(score))
                .addResult(HttpResponseLeakRule.LEAK_COUNT, UnitLookup.NUMBER_UNITY.quantity(leaked))
                .addResult(HttpResponseLeakRule.TOP_SITE, top.site())
                .addResult(HttpResponseLeakRule.OLDEST_LEAK, UnitLookup.MILLISECOND.quantity(oldest))
                .addResult(HttpResponseLeakRule.SITES, lines)
                .addResult(HttpResponseLeakRule.OTHER_FINDINGS, others.stream().map(Finding::summary).toList())
                .build();
    }

    /** INFO: nothing leaked, but something held connections, threads or response objects, or may have leaked. */
    private IResult costs(List<Finding> findings) {
        long covered = findings.stream().mapToLong(Finding::count).sum();
        double score = 25 + 49 * (1 - Math.pow(2, -covered / 5.0));
        Finding first = findings.get(0);
        List<String> lines = findings.stream().map(f -> f.summary() + " " + f.explanation()).toList();
        String summary = "No HTTP response leaked, but " + lowerFirst(first.summary())
                + (findings.size() > 1 ? " (and " + (findings.size() - 1) + " more finding"
                        + plural(findings.size() - 1) + ")" : "");
        String explanation = "Every response Leakline recorded was finished or is still young (minimum age "
                + Formats.typed(analysis.options().minAge()) + "), but some cost resources on the way: {"
                + HttpResponseLeakRule.OTHER_FINDINGS.getIdentifier() + "}";
        String solution = first.fix() + (first.site() != null ? " Start with " + first.site() + "." : "");
        return ResultBuilder.createFor(rule, preferences).setSeverity(Severity.get(score)).setSummary(summary)
                .setExplanation(explanation).setSolution(solution)
                .addResult(TypedResult.SCORE, UnitLookup.NUMBER_UNITY.quantity(score))
                .addResult(HttpResponseLeakRule.LEAK_COUNT, UnitLookup.NUMBER_UNITY.quantity(0))
                .addResult(HttpResponseLeakRule.OTHER_FINDINGS, lines).build();
    }

    /** OK: every response finished (or is younger than the minimum age). */
    private IResult allFinished() {
        long total = analysis.sites().stream().mapToLong(Site::total).sum();
        long clean = analysis.pairing().count(Verdict.CLEAN);
        long inFlight = analysis.pairing().count(Verdict.IN_FLIGHT);
        String summary = "No HTTP response leaked: " + clean + " of " + total + " response" + plural(total)
                + " recorded by Leakline were read to the end and closed"
                + (inFlight > 0 ? ", " + inFlight + " still in flight (younger than the minimum age, "
                        + Formats.typed(analysis.options().minAge()) + ")" : "")
                + ".";
        return ResultBuilder.createFor(rule, preferences).setSeverity(Severity.OK).setSummary(summary)
                .setExplanation("Leakline paired the responses' open, drain and close events; none was left"
                        + " unfinished longer than the minimum age.")
                .addResult(TypedResult.SCORE, UnitLookup.NUMBER_UNITY.quantity(0))
                .addResult(HttpResponseLeakRule.LEAK_COUNT, UnitLookup.NUMBER_UNITY.quantity(0)).build();
    }

    /** {@code File.java:line} of a site's first application frame, or the whole site when it has none. */
    static String fileLine(Site site) {
        if (site.appFrames().isEmpty()) {
            return site.site();
        }
        Frame frame = site.appFrames().get(0);
        String text = frame.shortForm();
        int open = text.lastIndexOf('(');
        return open < 0 ? text : text.substring(open + 1, text.length() - 1);
    }

    private static String ages(long min, long median, long max) {
        if (Formats.duration(min).equals(Formats.duration(max))) {
            return "for " + Formats.duration(max);
        }
        return Formats.duration(min) + " to " + Formats.duration(max) + " (median " + Formats.duration(median) + ")";
    }

    private static String pools(List<String> pools) {
        return pools.isEmpty() ? "" : ", pool " + String.join(", ", pools);
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() || Character.isDigit(s.charAt(0)) ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    private static String plural(long n) {
        return n == 1 ? "" : "s";
    }
}
