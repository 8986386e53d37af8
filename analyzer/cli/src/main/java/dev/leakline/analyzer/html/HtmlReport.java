package dev.leakline.analyzer.html;

import dev.leakline.engine.timeline.GroupSeries;
import dev.leakline.engine.timeline.Series;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Writes a {@link ReportModel} as one self-contained HTML file: inline CSS, inline SVG, no script, no external
 * resource, so it opens from an incident ticket without network access.
 *
 * <p>Charts are hand-written SVG with a {@code <title>} per bucket for hover values rather than a charting
 * library: a library would need an inline script (a second escaping context, JSON inside {@code <script>}) and
 * 50-200 KB per report, while step charts of a few hundred points are simple to draw. With no script at all the
 * Content-Security-Policy can say {@code default-src 'none'}: even a string that escaped escaping could not run.
 * The one style sheet is allowed by its SHA-256 hash, so injected {@code <style>} or {@code style=} is inert too.
 *
 * <p>Times are shown in UTC, labelled as such.
 */
public final class HtmlReport {
    /** Sites shown with their stacks, most important first. */
    static final int DETAILED_SITES = 200;
    /** Further sites listed as one table row each; past these only counts per verdict. */
    static final int LISTED_SITES = 2_000;


    /**
     * Buckets the CLI computes the report's timeline with: about one per 4 px of the 960-unit wide chart, fine
     * enough to show each step of a leak, small enough to keep a report with dozens of pools under a few MB.
     */
    public static final int DEFAULT_BUCKETS = 240;

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final Pattern VERDICT = Pattern.compile("[a-z_]{1,32}");

    static final String CSS = String.join("\n",
            ":root{--fg:#1d2430;--muted:#5b6574;--line:#d7dce3;--bg:#fff;--panel:#f6f8fa;"
                    + "--out:#e8a33d;--held:#2f7dd1;--leak:#d23b3b}",
            "*{box-sizing:border-box}",
            "body{margin:0;font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:var(--fg);"
                    + "background:var(--bg)}",
            "header,main,footer{max-width:1040px;margin:0 auto;padding:0 20px}",
            "header{padding-top:24px}",
            "h1{font-size:26px;margin:0 0 4px}h2{font-size:20px;margin:32px 0 10px;"
                    + "border-bottom:1px solid var(--line);padding-bottom:4px}h3{font-size:16px;margin:18px 0 4px}",
            ".muted{color:var(--muted)}",
            ".headline{font-size:18px;margin:12px 0}",
            "table{border-collapse:collapse}td,th{padding:4px 12px 4px 0;text-align:left;vertical-align:top}",
            "td.n{text-align:right;font-variant-numeric:tabular-nums}",
            "code,.stack{font:13px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;"
                    + "overflow-wrap:anywhere}",
            ".v{display:inline-block;padding:0 8px;border-radius:10px;font-size:13px;background:var(--panel);"
                    + "border:1px solid var(--line)}",
            ".v-leaked{background:#fde8e8;border-color:#f3b4b4;color:#8c1d1d}",
            ".v-in_flight,.v-closed_unread,.v-drained_not_closed{background:#fdf3e1;border-color:#f1d29b}",
            ".v-clean,.v-recovered{background:#e6f4ea;border-color:#a8d5b5}",
            "details{border:1px solid var(--line);border-radius:6px;margin:8px 0;background:var(--panel)}",
            "summary{cursor:pointer;padding:8px 12px}",
            "details>div{padding:0 12px 12px;background:var(--bg);border-top:1px solid var(--line)}",
            ".stack{margin:6px 0;padding-left:28px}.stack li.app{font-weight:bold;color:#8c1d1d}",
            "figure{margin:12px 0 24px}figcaption{margin-bottom:4px}",
            "svg.chart{width:100%;height:auto;display:block}",
            "svg .grid{stroke:var(--line);stroke-width:1}svg .axis{stroke:var(--muted);stroke-width:1}",
            "svg text{font:12px system-ui,sans-serif;fill:var(--muted)}svg .ylabel{text-anchor:end}",
            "svg .out{fill:var(--out);fill-opacity:.35;stroke:var(--out);stroke-width:1.5}",
            "svg .held{fill:none;stroke:var(--held);stroke-width:2}",
            "svg .leak{fill:none;stroke:var(--leak);stroke-width:2;stroke-dasharray:6 3}",
            "svg .t0{stroke:#6f42c1}svg .t1{stroke:#2f7dd1}svg .t2{stroke:#d23b3b}svg .t3{stroke:#1a7f37}",
            "svg .t4{stroke:#e8a33d}svg .t5{stroke:#0598bc}svg .t6{stroke:#bf3989}svg .t7{stroke:#57606a}",
            "svg [class^=t]{fill:none;stroke-width:2}",
            "svg .hit{fill:#000;fill-opacity:0}svg .hit:hover{fill-opacity:.08}",
            ".key{display:inline-block;width:14px;height:4px;margin:0 4px 3px 14px;vertical-align:middle}",
            ".key.out{background:var(--out)}.key.held{background:var(--held)}.key.leak{background:var(--leak)}",
            ".key.t0{background:#6f42c1}.key.t1{background:#2f7dd1}.key.t2{background:#d23b3b}"
                    + ".key.t3{background:#1a7f37}.key.t4{background:#e8a33d}.key.t5{background:#0598bc}"
                    + ".key.t6{background:#bf3989}.key.t7{background:#57606a}",
            "dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px}dt{color:var(--muted)}"
                    + "dd{margin:0;white-space:pre-line;overflow-wrap:anywhere}",
            "footer{margin:40px auto 24px;font-size:13px}");

    /**
     * The page's Content-Security-Policy: nothing may load or run; the one style sheet is allowed by its hash.
     * {@code default-src 'none'} also covers scripts, images, fonts, frames and connections.
     */
    static final String CSP = "default-src 'none'; style-src '" + sha256(CSS) + "'; base-uri 'none'; form-action 'none'";

    private final Markup m = new Markup();

    private HtmlReport() {
    }

    /**
     * Renders the report.
     *
     * @param model what to show
     * @return the complete HTML document
     */
    public static String render(ReportModel model) {
        HtmlReport report = new HtmlReport();
        report.document(model);
        return report.m.toString();
    }

    /**
     * Writes the report.
     *
     * @param model what to show
     * @param out where to write (UTF-8 is declared in the page; the caller's writer must encode UTF-8)
     * @throws IOException when writing fails
     */
    public static void write(ReportModel model, Writer out) throws IOException {
        out.write(render(model));
        out.flush();
    }

    private void document(ReportModel model) {
        head(m, "Leakline report: " + String.join(", ", model.facts().files()));
        m.open("body").newline();
        m.open("header");
        m.element("h1", "Leakline report");
        m.element("p", String.join(", ", model.facts().files()) + " · written " + TIME.format(model.generatedAt())
                + " UTC", "class", "muted");
        m.close("header").newline();
        m.open("main").newline();
        summary(model);
        timeline(model);
        sites(model.sites());
        threads(model.threads());
        facts(model.facts());
        m.close("main").newline();
        m.open("footer", "class", "muted");
        m.text("Written by leakline. This page contains no scripts and loads nothing from the network; "
                + "hover over a chart to see the values of an interval.");
        m.close("footer").newline();
        m.close("body").close("html").newline();
    }

    /** The document start through {@code </head>}: charset and CSP first, before anything a parser could act on. */
    static void head(Markup m, String title) {
        m.trusted("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n");
        m.empty("meta", "charset", "utf-8").newline();
        m.empty("meta", "http-equiv", "Content-Security-Policy", "content", CSP).newline();
        m.empty("meta", "name", "referrer", "content", "no-referrer").newline();
        m.empty("meta", "name", "viewport", "content", "width=device-width, initial-scale=1").newline();
        m.element("title", title).newline();
        m.trusted("<style>").trusted(CSS).trusted("</style>\n");
        m.close("head").newline();
    }

    private void summary(ReportModel model) {
        ReportModel.Summary s = model.summary();
        m.open("section", "id", "summary").element("h2", "Summary");
        m.element("p", s.headline(), "class", "headline");
        m.open("table").open("tbody");
        row("responses", s.responses(), null);
        for (ReportModel.VerdictCount v : s.verdicts()) {
            row(v.verdict(), v.count(), v.verdict());
        }
        row("leak sites", model.sites().stream().filter(x -> x.verdict().equals("leaked")).count(), null);
        row("thread findings", model.threads().size(), null);
        m.close("tbody").close("table");
        m.close("section").newline();
    }

    private void row(String name, long count, String verdict) {
        m.open("tr").open("td");
        if (verdict != null) {
            verdict(verdict);
        } else {
            m.text(name);
        }
        m.close("td").element("td", Long.toString(count), "class", "n").close("tr");
    }

    private void verdict(String verdict) {
        String cls = VERDICT.matcher(verdict).matches() ? "v v-" + verdict : "v";
        m.element("span", verdict, "class", cls);
    }

    private void timeline(ReportModel model) {
        var t = model.timeline();
        m.open("section", "id", "timeline").element("h2", "Timeline");
        m.element("p", TIME.format(t.start()) + " to " + TIME.format(t.end()) + " UTC (" + human(t.span()) + "), "
                + t.buckets() + " intervals; each point is the maximum within its interval. All pools share one "
                + "vertical scale.", "class", "muted");
        if (t.groups().isEmpty()) {
            m.element("p", "No responses in the recording.");
        }
        for (GroupSeries g : t.groups()) {
            m.open("figure", "class", "group").open("figcaption");
            m.element("strong", g.group());
            key("out", "outstanding (peak " + g.outstanding().peak() + ")");
            key("held", "connections held (peak " + g.connectionsHeld().peak() + ")");
            key("leak", "leaked so far (" + g.leakedAccumulated().last() + ")");
            m.close("figcaption").newline();
            SvgTimeline.group(m, t, g);
            m.close("figure").newline();
        }
        if (!t.threadsAlive().isEmpty()) {
            m.open("figure", "class", "threads").open("figcaption");
            m.element("strong", "Threads alive");
            List<Series> shown = t.threadsAlive().subList(0,
                    Math.min(SvgTimeline.MAX_THREAD_LINES, t.threadsAlive().size()));
            for (int k = 0; k < shown.size(); k++) {
                key("t" + k, shown.get(k).name() + " (peak " + shown.get(k).peak() + ")");
            }
            m.close("figcaption").newline();
            SvgTimeline.threads(m, t);
            m.close("figure").newline();
        }
        m.close("section").newline();
    }

    private void key(String cls, String label) {
        m.element("span", "", "class", "key " + cls).text(label);
    }

    private void sites(List<ReportModel.LeakSite> sites) {
        m.open("section", "id", "sites").element("h2", "Leak sites");
        if (sites.isEmpty()) {
            m.element("p", "No leaked or unfinished responses.");
        }
        boolean first = true;
        int shown = 0;
        for (ReportModel.LeakSite s : sites) {
            if (shown++ == DETAILED_SITES) {
                break;
            }
            // The most important site opens expanded, so its stack is the first thing a reader sees.
            if (first) {
                m.open("details", "class", "site", "open", "");
                first = false;
            } else {
                m.open("details", "class", "site");
            }
            m.open("summary");
            verdict(s.verdict());
            m.text(" ").element("code", s.site());
            m.text(" · " + s.count() + (s.count() == 1 ? " response" : " responses"));
            if (s.oldestAge() != null) {
                m.text(" · age " + (s.youngestAge() != null ? human(s.youngestAge()) + " to " : "")
                        + human(s.oldestAge()) + (s.medianAge() != null ? " (median " + human(s.medianAge()) + ")" : ""));
            }
            m.close("summary").open("div");
            m.open("p").text(s.clients().size() == 1 ? "client " : "clients ")
                    .element("code", s.clients().isEmpty() ? "-" : String.join(", ", s.clients()));
            m.text(s.pools().size() == 1 ? " · pool " : " · pools ")
                    .element("code", s.pools().isEmpty() ? "none reported" : String.join(", ", s.pools())).close("p");
            if (s.advice() != null) {
                m.element("p", s.advice());
            }
            if (!s.uris().isEmpty()) {
                m.element("h3", "URIs");
                m.open("ul");
                for (String uri : s.uris()) {
                    m.open("li").element("code", uri).close("li");
                }
                m.close("ul");
            }
            stack(s.frames(), s.site());
            m.close("div").close("details").newline();
        }
        if (sites.size() > DETAILED_SITES) {
            moreSites(sites.subList(DETAILED_SITES, sites.size()));
        }
        m.close("section").newline();
    }

    /**
     * Sites past the detailed ones: one table row each, then, past {@link #LISTED_SITES}, only counts per verdict, so
     * the page stays a few megabytes whatever the recording (20,000 sites in detail made 28 MB).
     */
    private void moreSites(List<ReportModel.LeakSite> rest) {
        m.element("h3", rest.size() + " more site" + (rest.size() == 1 ? "" : "s") + " (the " + DETAILED_SITES
                + " above are the ones to fix first; the JSON report has them all)");
        m.open("table", "class", "more-sites").open("tr").element("th", "verdict").element("th", "site")
                .element("th", "responses").close("tr").newline();
        int listed = Math.min(rest.size(), LISTED_SITES);
        for (ReportModel.LeakSite s : rest.subList(0, listed)) {
            m.open("tr").open("td");
            verdict(s.verdict());
            m.close("td").open("td").element("code", s.site()).close("td").element("td", Long.toString(s.count()))
                    .close("tr").newline();
        }
        m.close("table");
        if (rest.size() > listed) {
            java.util.Map<String, long[]> byVerdict = new java.util.LinkedHashMap<>();
            for (ReportModel.LeakSite s : rest.subList(listed, rest.size())) {
                long[] c = byVerdict.computeIfAbsent(s.verdict(), k -> new long[2]);
                c[0]++;
                c[1] += s.count();
            }
            StringBuilder text = new StringBuilder("And " + (rest.size() - listed) + " more:");
            byVerdict.forEach((v, c) -> text.append(' ').append(v).append(" at ").append(c[0]).append(" site")
                    .append(c[0] == 1 ? "" : "s").append(" (").append(c[1]).append(" response")
                    .append(c[1] == 1 ? "" : "s").append(");"));
            text.setLength(text.length() - 1);
            m.element("p", text.append('.').toString());
        }
    }

    private void stack(List<String> frames, String site) {
        if (frames.isEmpty()) {
            return;
        }
        m.element("h3", "Stack (top first)");
        m.open("ol", "class", "stack");
        for (String frame : frames) {
            if (frame.equals(site)) {
                m.element("li", frame, "class", "app");
            } else {
                m.element("li", frame);
            }
        }
        m.close("ol");
    }

    private void threads(List<ReportModel.ThreadFinding> threads) {
        m.open("section", "id", "threads").element("h2", "Threads");
        if (threads.isEmpty()) {
            m.element("p", "No thread findings.");
        }
        for (ReportModel.ThreadFinding f : threads) {
            m.open("details", "class", "thread").open("summary");
            m.element("span", f.severity(), "class", "v");
            m.text(" ").element("code", f.namePattern());
            m.text(" · " + f.aliveAtEnd() + " alive at end");
            m.close("summary").open("div");
            m.element("p", f.summary());
            if (f.creatorSite() != null) {
                m.open("p").text("started from ").element("code", f.creatorSite()).close("p");
            }
            if (!f.relatedSites().isEmpty()) {
                m.element("h3", "Related leak sites");
                m.open("ul");
                for (String related : f.relatedSites()) {
                    m.element("li", related);
                }
                m.close("ul");
            }
            stack(f.creatorFrames(), f.creatorSite());
            m.close("div").close("details").newline();
        }
        m.close("section").newline();
    }

    private void facts(ReportModel.RecordingFacts f) {
        m.open("section", "id", "facts").element("h2", "Recording");
        m.open("dl");
        fact("files", String.join("\n", f.files()));
        fact("JVM", nullToDash(f.jvm()));
        fact("Java", nullToDash(f.jdk()));
        fact("time span", TIME.format(f.start()) + " to " + TIME.format(f.end()) + " UTC ("
                + human(Duration.between(f.start(), f.end())) + ")");
        fact("chunks", Integer.toString(f.chunks()));
        fact("data loss", f.dataLoss().isEmpty() ? "none reported" : String.join("\n", f.dataLoss()));
        if (!f.warnings().isEmpty()) {
            fact("warnings", String.join("\n", f.warnings()));
        }
        for (ReportModel.Fact other : f.other()) {
            fact(other.name(), other.value());
        }
        m.close("dl");
        m.close("section").newline();
    }

    private void fact(String name, String value) {
        m.element("dt", name).element("dd", value);
    }

    private static String nullToDash(String s) {
        return s == null ? "-" : s;
    }

    static String human(Duration d) {
        long millis = d.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long s = d.toSeconds();
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
    }

    /** The CSP source expression for an inline element's exact content. */
    static String sha256(String content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

}
