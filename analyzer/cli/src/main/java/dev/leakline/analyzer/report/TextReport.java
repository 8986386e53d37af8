package dev.leakline.analyzer.report;

import static dev.leakline.engine.format.Formats.plural;

import dev.leakline.engine.format.Formats;
import dev.leakline.engine.format.Headline;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

import dev.leakline.engine.analysis.Analysis;
import dev.leakline.engine.findings.Advice;
import dev.leakline.engine.analysis.RunFacts;
import dev.leakline.engine.pairing.LossWindow;
import dev.leakline.engine.pairing.Orphan;
import dev.leakline.engine.pairing.Verdict;
import dev.leakline.engine.event.ChunkFacts;
import dev.leakline.engine.event.Frame;
import dev.leakline.engine.sites.Site;
import dev.leakline.engine.sites.Sites;
import dev.leakline.engine.threads.ThreadFindings;
import dev.leakline.engine.threads.ThreadGroup;

/**
 * The report for people: fits an 80-column terminal and leads with what to fix. Its wording may change between
 * versions; scripts should use the JSON report.
 */
public final class TextReport {
    private static final int WIDTH = 80;

    private final TerminalLines out;

    public TextReport(PrintWriter out) {
        this.out = new TerminalLines(out);
    }

    /** Writes the whole report. */
    public void write(Analysis analysis) {
        headline(analysis);
        if (analysis.leaklineEvents() == 0) {
            out.println();
            wrap("", "No Leakline events in this recording: the application did not run with the Leakline library,"
                    + " or the recording did not enable the leakline.* events (use settings=<path>/leakline.jfc)."
                    + " Thread findings follow.");
        } else {
            fixFirst(analysis);
            possiblyLeaked(analysis);
            bySite(analysis);
        }
        threads(analysis);
        recording(analysis);
        out.flush();
    }

    private void headline(Analysis a) {
        long leaked = a.leaked();
        int sites = a.leakSites().size();
        String min = Formats.typed(a.options().minAge());
        if (a.leaklineEvents() == 0) {
            out.println("Leakline: no response events found (min age " + min + ")");
        } else {
            out.println("Leakline: " + Headline.leaks(leaked, sites) + " (min age " + min + ")");
        }
        long uncertain = a.pairing().count(Verdict.UNCERTAIN);
        if (uncertain > 0) {
            out.println("Possibly leaked, events were lost: " + uncertain + " response" + plural(uncertain)
                    + " (not counted as leaked)");
        }
        if (!a.losses().isEmpty()) {
            wrap("", "Warning: events may be missing (" + a.losses().size() + " window"
                    + plural(a.losses().size()) + "); verdicts marked 'uncertain' may be wrong. See Recording below.");
        }
    }

    private void fixFirst(Analysis a) {
        List<Site> problems = Sites.toFix(a.sites());
        if (problems.isEmpty()) {
            return;
        }
        section("What to fix");
        int n = 0;
        for (Site site : problems) {
            n++;
            String number = n + ". ";
            String indent = " ".repeat(number.length());
            frame(number, shortSite(site), indent);
            if (!site.appFrames().isEmpty()) {
                wrap(indent + "in ", site.appFrames().get(0).packageName(), indent + "   ");
            }
            List<Frame> callers = site.appFrames().size() > 1 ? site.appFrames().subList(1, site.appFrames().size())
                    : List.of();
            for (Frame caller : callers) {
                frame(indent + "called from ", caller.shortForm(), indent + "  ");
            }
            Site.LeakDetail leaks = site.leaks();
            if (leaks != null) {
                wrap(indent, "leaked " + leaks.count() + " (" + (site.clients().isEmpty() ? "(unknown)"
                        : String.join(", ", Caps.cap(site.clients()))) + "), open for "
                        + Formats.duration(leaks.minAgeMillis()) + " / " + Formats.duration(leaks.medianAgeMillis())
                        + " / " + Formats.duration(leaks.maxAgeMillis()) + " (min/median/max)"
                        + (leaks.uncertain() > 0 ? ", " + leaks.uncertain() + " uncertain (data loss)" : ""));
                wrap(indent, "host" + plural(leaks.hosts().size()) + " " + String.join(", ", Caps.cap(leaks.hosts()))
                        + (leaks.pools().isEmpty() ? "" : "; pool" + plural(leaks.pools().size()) + " "
                                + String.join(", ", Caps.cap(leaks.pools()))));
                for (String uri : leaks.exampleUris()) {
                    wrap(indent + "e.g. ", Caps.cap(uri), indent + "     ");
                }
                wrap(indent, "first seen " + Formats.time(leaks.firstSeenNanos()) + ", last seen "
                        + Formats.time(leaks.lastSeenNanos()));
                wrap(indent + "Fix: ", Advice.fix(Verdict.LEAKED), indent + "     ");
            }
            for (Verdict v : List.of(Verdict.RECOVERED, Verdict.DRAINED_NOT_CLOSED)) {
                if (site.count(v) > 0) {
                    wrap(indent, site.count(v) + " " + label(v) + ": " + Advice.explanation(v) + ". "
                            + Advice.fix(v));
                }
            }
        }
    }

    /** Would-be leaks whose close may be among lost events: shown apart, not counted as leaks. */
    private void possiblyLeaked(Analysis a) {
        List<Site> sites = a.sites().stream().filter(s -> s.count(Verdict.UNCERTAIN) > 0).toList();
        if (sites.isEmpty()) {
            return;
        }
        section("Possibly leaked, events were lost");
        for (Site site : sites) {
            frame(site.count(Verdict.UNCERTAIN) + " at ", shortSite(site), "  ");
        }
        a.pairing().responses().stream().filter(r -> r.verdict() == Verdict.UNCERTAIN).limit(3)
                .forEach(r -> wrap("  e.g. ", (r.method() == null ? "(unknown)" : Caps.cap(r.method())) + " "
                        + (r.uri() == null ? "(unknown)" : Caps.cap(r.uri())), "       "));
        wrap("", Advice.fix(Verdict.UNCERTAIN));
    }

    private void bySite(Analysis a) {
        section("Responses by site");
        for (Site site : a.sites()) {
            out.println(shortSite(site));
            List<String> parts = new ArrayList<>();
            for (Verdict v : Verdict.values()) {
                long count = site.count(v);
                if (count == 0) {
                    continue;
                }
                String part = label(v) + " " + count;
                if (v == Verdict.CLOSED_UNREAD && !site.closedUnreadOutcomes().isEmpty()) {
                    List<String> outcomes = new ArrayList<>();
                    site.closedUnreadOutcomes().forEach((k, c) -> outcomes.add(
                            (k.equals("unknown") ? "connection release not recorded" : "connection " + k) + " " + c));
                    part += " (" + String.join(", ", outcomes) + ")";
                }
                parts.add(part);
            }
            wrap("  ", String.join(", ", parts), "  ");
        }
        List<String> totals = new ArrayList<>();
        long total = 0;
        for (Verdict v : Verdict.values()) {
            long count = a.pairing().count(v);
            total += count;
            totals.add(label(v) + " " + count);
        }
        out.println();
        wrap("", "Totals: " + total + " response" + plural(total) + ": " + String.join(", ", totals) + ".");
        List<Orphan> orphans = a.pairing().orphans();
        if (!orphans.isEmpty()) {
            wrap("", orphans.size() + " orphan event" + plural(orphans.size()) + " (a drain or close whose open is not"
                    + " in the recording: opened before it started, or in a lost chunk).");
        }
    }

    private void threads(Analysis a) {
        ThreadFindings threads = a.threads();
        section("Threads alive at the end");
        if (!threads.recorded()) {
            wrap("", "The recording has no jdk.ThreadStart/jdk.ThreadEnd events (enable them, as settings=default"
                    + " does), so nothing can be said about threads.");
            return;
        }
        if (threads.aliveAtEnd().isEmpty()) {
            out.println("None besides known JVM and pool threads.");
        }
        for (ThreadGroup g : threads.aliveAtEnd()) {
            out.println(g.count() + " x " + Caps.cap(g.namePattern()));
            if (g.creatorSite() != null) {
                frame("    created at ", g.creatorFrames().get(0).shortForm(), "      ");
                for (Frame caller : g.creatorFrames().subList(1, g.creatorFrames().size())) {
                    frame("    called from ", caller.shortForm(), "      ");
                }
            } else if (g.startedBeforeRecording() == g.count()) {
                out.println("    no jdk.ThreadStart in the recording (started before it, or in a lost");
                out.println("    chunk): creator unknown");
            } else {
                out.println("    created by JDK or library code only");
            }
            if (!g.parentThreads().isEmpty()) {
                wrap("    by thread ", String.join(", ", Caps.cap(g.parentThreads())), "      ");
            }
            for (ThreadGroup.Related related : g.relatedSites()) {
                frame("    related: ", shortSite(a, related.site()), "      ");
                wrap("      (", related.reason() + ")", "       ");
            }
        }
        if (threads.ignoredAlive() > 0) {
            wrap("", "(" + threads.ignoredAlive() + " JVM and pool thread" + plural(threads.ignoredAlive())
                    + " hidden by the ignore list; add yours with --ignore-thread)");
        }
    }

    private void recording(Analysis a) {
        section("Recording");
        long read = a.chunksRead();
        for (String input : a.inputs()) {
            out.println(input);
        }
        wrap("  ", read + " of " + a.chunks().size() + " chunk" + plural(a.chunks().size()) + " read, "
                + a.runs().size() + " JVM run" + plural(a.runs().size()));
        for (RunFacts run : a.runs()) {
            wrap("  ", run.run().label() + ": " + Formats.time(run.startNanos()) + " to " + Formats.time(run.endNanos())
                    + " (" + Formats.duration((run.endNanos() - run.startNanos()) / 1_000_000) + ", " + run.chunks()
                    + " chunk" + plural(run.chunks()) + ")", "    ");
            if (run.jvm() != null && run.jvm().summary() != null) {
                wrap("    ", run.jvm().summary(), "      ");
            }
            if (run.jvm() != null && run.jvm().os() != null) {
                wrap("    on ", run.jvm().os(), "      ");
            }
        }
        a.optionsInForce().forEach((label, value) -> wrap("  " + label + ": ", value, "    "));
        for (LossWindow loss : a.losses()) {
            wrap("  events may be missing: ", loss.reason(), "    ");
        }
        for (String warning : a.warnings()) {
            wrap("warning: ", warning, "  ");
        }
        for (ChunkFacts chunk : a.chunks()) {
            if (!chunk.wasRead() && chunk.problem() == null) {
                wrap("  ", chunk.source() + " chunk " + chunk.index() + " not read");
            }
        }
    }

    /** The site without its package (the package is shown once, under "What to fix"). */
    private static String shortSite(Site site) {
        return site.shortLine();
    }

    private static String shortSite(Analysis a, String site) {
        return a.sites().stream().filter(s -> s.site().equals(site)).findFirst().map(TextReport::shortSite)
                .orElse(site);
    }

    private void section(String title) {
        out.println();
        out.println(title);
        out.println("-".repeat(title.length()));
    }

    /** Label of a verdict in text: the JSON name with spaces. */
    static String label(Verdict v) {
        return v.id().replace('_', ' ');
    }

    /** A frame after a label; when both do not fit in 80 columns the frame goes on its own line. */
    private void frame(String label, String frame, String indent) {
        if (label.length() + frame.length() <= WIDTH || label.isBlank()) {
            out.println(label + frame);
        } else {
            out.println(label.stripTrailing());
            out.println(indent + frame);
        }
    }

    private void wrap(String first, String text) {
        wrap(first, text, " ".repeat(first.length()));
    }

    /** Writes {@code text} after {@code first}, breaking at spaces to stay within 80 columns. */
    private void wrap(String first, String text, String next) {
        String prefix = first;
        String rest = text;
        while (prefix.length() + rest.length() > WIDTH) {
            int room = WIDTH - prefix.length();
            int cut = rest.lastIndexOf(' ', room);
            if (cut <= 0) {
                cut = rest.indexOf(' '); // one long word (a frame): let it overflow rather than break it
            }
            if (cut <= 0) {
                break;
            }
            out.println(prefix + rest.substring(0, cut));
            rest = rest.substring(cut + 1);
            prefix = next;
        }
        out.println(prefix + rest);
    }

}
