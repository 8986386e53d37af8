package dev.leakline.analyzer.html;

import dev.leakline.analyzer.timeline.ChartOptions;
import dev.leakline.analyzer.timeline.SyntheticService;
import dev.leakline.analyzer.timeline.TerminalChart;
import dev.leakline.engine.timeline.Timeline;
import dev.leakline.engine.timeline.TimelineSeries;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Report models for the tests and the docs: the synthetic service (one pool leaking one response in 50), optionally
 * with hostile strings in every place a recording can put text.
 *
 * <p>{@code main(dir)} writes {@code report.html} and {@code timeline.txt} there, to look at the renderers alone;
 * {@code docs/images/} shows the real service recording instead (see docs/reports.md for how they were made).
 */
public final class SampleReport {

    /** A URI as the issue names it: a script payload that would retitle the page if it ever ran. */
    static final String SCRIPT_URI = "http://orders:8080/api/orders?q=<script>alert(1);document.title='pwned'</script>";
    static final String IMG_THREAD = "worker-\"><img src=x onerror=\"document.title='pwned'\">";
    static final String SVG_FRAME = "evil.Frame.run(<svg onload=document.title='pwned'>:1)";
    static final String QUOTES_POOL = "pool 'single' \"double\" & amp";
    static final String CONTROLS = "ctl\u0000\u0007\u001b[31m\u007f\u0085\ud800end";

    private SampleReport() {
    }

    static Timeline timeline() {
        return TimelineSeries.compute(SyntheticService.input(), 120);
    }

    /** The synthetic service's report, with or without hostile strings. */
    public static ReportModel model(boolean hostile) {
        Timeline t = timeline();
        String site = "dev.leakline.scenarios.service.OrderClient.fetchOrder(OrderClient.java:42)";
        List<String> frames = List.of(
                "org.apache.hc.client5.http.impl.classic.InternalHttpClient.doExecute(InternalHttpClient.java:174)",
                "org.apache.hc.client5.http.impl.classic.CloseableHttpClient.execute(CloseableHttpClient.java:87)",
                site,
                "dev.leakline.scenarios.service.OrderService.handle(OrderService.java:77)",
                hostile ? SVG_FRAME : "dev.leakline.scenarios.service.Main.main(Main.java:30)");
        ReportModel.LeakSite leak = new ReportModel.LeakSite("leaked", site, List.of("apache-httpclient-5"),
                List.of(hostile ? QUOTES_POOL : "apache-5 orders:8080"), 10, Duration.ofSeconds(10),
                Duration.ofSeconds(55), Duration.ofSeconds(100),
                hostile ? List.of(SCRIPT_URI, "/orders/" + CONTROLS) : List.of("http://orders:8080/api/orders/{id}"),
                frames, "Close the response (try-with-resources on CloseableHttpResponse) or consume its entity.");
        String unreadSite = "dev.leakline.scenarios.service.InventoryClient.check(InventoryClient.java:58)";
        ReportModel.LeakSite unread = new ReportModel.LeakSite("closed_unread", unreadSite,
                List.of("apache-httpclient-5"), List.of("apache-5 inventory:8080"), 3, null, null, null,
                List.of("http://inventory:8080/stock"), List.of(unreadSite), null);
        String creator = "dev.leakline.scenarios.service.PerRequest.newClient(PerRequest.java:31)";
        ReportModel.ThreadFinding threads = new ReportModel.ThreadFinding("warning",
                "5 HttpClient selector threads are alive at the end: a java.net.http client is built per request "
                        + "and never closed.",
                hostile ? IMG_THREAD : "HttpClient-#-SelectorManager", 5, creator,
                List.of(creator, "dev.leakline.scenarios.service.OrderService.handle(OrderService.java:80)"),
                List.of(site + ": same client (java.net.http), started while that site leaked"));
        ReportModel.RecordingFacts facts = new ReportModel.RecordingFacts(
                List.of(hostile ? "rec<script>alert(1)</script>.jfr" : "service.jfr"),
                "OpenJDK 64-Bit Server VM 17.0.15+6", "17.0.15", SyntheticService.START, SyntheticService.END, 2,
                hostile ? List.of("10:00:12 to 10:00:15 UTC: " + CONTROLS) : List.of(),
                List.of(),
                List.of(new ReportModel.Fact("JVM arguments", hostile
                        ? "-Dx=\"><script>document.title='pwned'</script>" + CONTROLS
                        : "-XX:StartFlightRecording:settings=default,settings=leakline.jfc,filename=service.jfr")));
        ReportModel.Summary summary = new ReportModel.Summary(
                "10 leaked responses at 1 site; 5 client threads still alive at the end.", 1500,
                List.of(new ReportModel.VerdictCount("leaked", 10), new ReportModel.VerdictCount("closed_unread", 3),
                        new ReportModel.VerdictCount("clean", 1487)));
        return new ReportModel(summary, t, List.of(leak, unread), List.of(threads), facts,
                Instant.parse("2026-11-23T10:05:00Z"));
    }

    /**
     * Writes the docs' sample report ({@code report.html}), terminal timeline ({@code timeline.txt}) and a page
     * showing that timeline as a colour terminal would ({@code timeline.html}, to screenshot) into the directory
     * given as the first argument.
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("report.html"), HtmlReport.render(model(false)), StandardCharsets.UTF_8);
        Timeline t = TimelineSeries.compute(SyntheticService.input(), TerminalChart.DEFAULT_BUCKETS);
        Files.writeString(dir.resolve("timeline.txt"), TerminalChart.render(t, ChartOptions.defaults()),
                StandardCharsets.UTF_8);
        String coloured = TerminalChart.render(t, new ChartOptions(80, false, true, java.time.ZoneOffset.UTC));
        Files.writeString(dir.resolve("timeline.html"), terminalPage(coloured), StandardCharsets.UTF_8);
    }

    /** The few ANSI codes the chart uses, as a dark terminal would show them. */
    private static String terminalPage(String ansi) {
        String[][] codes = {{"\u001b[0m", "</span>"}, {"\u001b[1m", "<span style=\"font-weight:bold\">"},
            {"\u001b[2m", "<span style=\"color:#8b949e\">"}, {"\u001b[33m", "<span style=\"color:#e3b341\">"},
            {"\u001b[36m", "<span style=\"color:#39c5cf\">"}, {"\u001b[31m", "<span style=\"color:#ff7b72\">"},
            {"\u001b[35m", "<span style=\"color:#d2a8ff\">"}};
        String body = Html.escape(ansi);
        for (String[] code : codes) {
            body = body.replace(Html.escape(code[0]), code[1]);
        }
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head>"
                + "<body style=\"margin:0;background:#0d1117;color:#e6edf3\"><pre style=\"margin:0;padding:16px;"
                + "font:15px/1.0 'DejaVu Sans Mono',monospace\">" + body + "</pre></body></html>";
    }
}
