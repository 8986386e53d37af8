package dev.leakline.engine.findings;

import static dev.leakline.engine.format.Formats.plural;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.leakline.engine.analysis.Analysis;
import dev.leakline.engine.pairing.Verdict;
import dev.leakline.engine.sites.Site;
import dev.leakline.engine.sites.Sites;
import dev.leakline.engine.threads.ThreadGroup;
import dev.leakline.engine.threads.ThreadNames;

/** Turns an analysis into findings, most severe first. */
public final class Findings {
    private Findings() {
    }

    /** The findings of an analysis: errors first, then warnings, then information; by count within each. */
    public static List<Finding> of(Analysis a) {
        List<Finding> findings = new ArrayList<>();
        if (a.leaklineEvents() == 0) {
            findings.add(new Finding(Severity.INFO, "no_events", null, 0,
                    "The recording holds no Leakline events.",
                    "The application did not run with the Leakline library, or the recording did not enable the "
                            + "leakline.* events.",
                    "Record with -XX:StartFlightRecording:settings=default,settings=<path>/leakline.jfc."));
        }
        for (Site site : a.sites()) {
            siteFinding(findings, site, Verdict.LEAKED, Severity.ERROR);
            siteFinding(findings, site, Verdict.UNCERTAIN, Severity.WARNING);
            siteFinding(findings, site, Verdict.RECOVERED, Severity.WARNING);
            siteFinding(findings, site, Verdict.DRAINED_NOT_CLOSED, Severity.WARNING);
            // Severity follows cost: a closed-unread response whose client closed the connection paid for a new one;
            // one whose connection went back to the pool (the client read the rest on close) cost nothing.
            long pooledConnections = site.closedUnreadOutcomes().getOrDefault(Sites.POOLED, 0L);
            if (pooledConnections > 0) {
                findings.add(new Finding(Severity.INFO, Verdict.CLOSED_UNREAD.id(), site.site(), pooledConnections,
                        pooledConnections + " response" + plural(pooledConnections) + " opened at " + site.site()
                                + " closed before the end kept their connection: the client read the rest and pooled it.",
                        "Apache HttpClient 5.2+ (also EntityUtils.consume) and OkHttp (small remainders) discard the"
                                + " rest of the body on close and reuse the connection.",
                        "Nothing to fix."));
            }
            long closedConnections = site.closedUnreadOutcomes().getOrDefault("closed", 0L);
            if (closedConnections > 0) {
                findings.add(new Finding(Severity.WARNING, Verdict.CLOSED_UNREAD.id(), site.site(), closedConnections,
                        closedConnections + " response" + plural(closedConnections) + " opened at " + site.line()
                                + " closed before the end cost their connection.",
                        "Closing a body before its end makes the client close the connection instead of reusing it.",
                        Advice.fix(Verdict.CLOSED_UNREAD)));
            }
        }
        for (ThreadGroup group : a.threads().aliveAtEnd()) {
            String client = ThreadNames.clientOf(group.namePattern());
            if (client == null || group.creatorSite() == null) {
                continue;
            }
            if (group.count() == 1) {
                // One client's threads: what a long-lived shared client looks like. Telling it to "build one
                // client and reuse it" would be wrong; it is noted, not flagged.
                findings.add(new Finding(Severity.INFO, "threads", group.creatorSite(), 1,
                        "1 " + group.namePattern() + " thread still alive at the end, started at "
                                + group.creatorSite() + ".",
                        "One " + client + " client alive at the end: expected for a client shared for the life of"
                                + " the application.",
                        "Nothing, if the client is shared; close it when done if it is not."));
                continue;
            }
            findings.add(new Finding(Severity.WARNING, "threads", group.creatorSite(), group.count(),
                    group.count() + " " + group.namePattern() + " thread" + plural(group.count())
                            + " still alive at the end, started at " + group.creatorSite() + ".",
                    "Each " + client + " client keeps its threads (and connections) until it is closed or collected;"
                            + " " + group.count() + " built at the same line look like a client built per request.",
                    "Build one client and reuse it, or close each client when done."));
        }
        if (!a.losses().isEmpty()) {
            long uncertain = a.pairing().uncertain();
            findings.add(new Finding(Severity.WARNING, "data_loss", null, uncertain,
                    a.losses().size() + " window" + plural(a.losses().size()) + " where events may be missing; "
                            + uncertain + " verdict" + plural(uncertain) + " uncertain.",
                    "jdk.DataLoss, a damaged or truncated chunk, or a gap between chunks: a drain or close there "
                            + "may not be in the recording.",
                    "Record with a larger buffer or fewer events, and keep whole chunks (maxage/maxsize)."));
        }
        findings.sort(Comparator.comparing(Finding::severity).thenComparingLong(f -> -f.count()));
        return List.copyOf(findings);
    }

    private static void siteFinding(List<Finding> findings, Site site, Verdict verdict, Severity severity) {
        long n = site.count(verdict);
        if (n == 0) {
            return;
        }
        findings.add(new Finding(severity, verdict.id(), site.site(), n,
                n + " response" + plural(n) + " opened at " + site.line() + ": " + Advice.explanation(verdict) + ".",
                explanation(verdict), Advice.fix(verdict)));
    }

    private static String explanation(Verdict verdict) {
        return switch (verdict) {
            case LEAKED -> "An unfinished body pins its connection (and its pool slot) until the response is "
                    + "garbage-collected, if ever; pools run dry and client threads stay busy.";
            case RECOVERED -> "The response was finished eventually, but held its connection for longer than the "
                    + "minimum age meanwhile.";
            case DRAINED_NOT_CLOSED -> "The body was read to its end but the response was never closed; some clients "
                    + "release the connection only on close.";
            default -> Advice.explanation(verdict);
        };
    }
}
