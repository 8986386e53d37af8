package dev.leakline.analyzer.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens reports in real headless Chromium. Skipped where Chromium is missing, except on CI ({@code CI=true}),
 * where {@code .ci/install-chromium.sh} must have installed it and its absence fails the build.
 */
class ChromiumReportTest {

    private static final Pattern TITLE = Pattern.compile("<title>([^<]*)</title>");

    @TempDir
    static Path work;
    private static Chromium chromium;

    @BeforeAll
    static void chromium() {
        chromium = Chromium.requireOrSkip(work);
    }

    private static Path write(String name, String html) throws IOException {
        Path page = work.resolve(name);
        Files.writeString(page, html, StandardCharsets.UTF_8);
        return page;
    }

    private static String title(String dom) {
        Matcher m = TITLE.matcher(dom);
        assertThat(m.find()).as("title in DOM").isTrue();
        return m.group(1);
    }

    @Test
    void reportRendersWithoutConsoleMessagesAndLooksLikeAPage() throws Exception {
        Path page = write("report.html", HtmlReport.render(SampleReport.model(false)));
        Chromium.Run dom = chromium.dumpDom(page);
        // The report has no script, so any console line is an error: a CSP block, a failed load, a parse problem.
        assertThat(dom.consoleLines()).isEmpty();
        assertThat(title(dom.stdout())).isEqualTo("Leakline report: service.jfr");
        assertThat(dom.stdout()).contains("<svg").contains("<details class=\"site\" open=\"\">");

        Path png = work.resolve("report.png");
        Chromium.Run shot = chromium.screenshot(page, png);
        assertThat(shot.consoleLines()).isEmpty();
        assertThat(Files.size(png)).isGreaterThan(10_000);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("PNG decodes").isNotNull();
        assertThat(image.getWidth()).isEqualTo(1280);
        assertThat(distinctColours(image)).as("not one flat colour").isGreaterThan(16);
        // Kept in target/ to look at; docs/images/report.png is the real service report (ReportCommandChromiumTest).
        Path target = Path.of("target", "report-screenshot.png");
        Files.createDirectories(target.getParent());
        Files.copy(png, target, StandardCopyOption.REPLACE_EXISTING);
    }

    /** 20,000 leak sites: the page stays a few megabytes (the first 200 in detail) and Chromium renders it. */
    @Test
    void twentyThousandSitesMakeAPageOfAFewMegabytesThatRenders() throws Exception {
        ReportModel sample = SampleReport.model(false);
        java.util.List<ReportModel.LeakSite> sites = new java.util.ArrayList<>();
        ReportModel.LeakSite template = sample.sites().get(0);
        for (int i = 0; i < 20_000; i++) {
            String site = "com.example.generated.Client" + i + ".call(Client" + i + ".java:" + (10 + i % 90) + ")";
            java.util.List<String> frames = new java.util.ArrayList<>(template.frames());
            frames.set(2, site);
            sites.add(new ReportModel.LeakSite("leaked", site, template.clients(), template.pools(), 20_000 - i,
                    template.youngestAge(), template.medianAge(), template.oldestAge(), template.uris(), frames,
                    template.advice()));
        }
        ReportModel big = new ReportModel(sample.summary(), sample.timeline(), sites, sample.threads(), sample.facts(),
                sample.generatedAt());
        String html = HtmlReport.render(big);
        long bytes = html.getBytes(StandardCharsets.UTF_8).length;
        assertThat(bytes).isLessThan(3L * 1024 * 1024);
        assertThat(html).contains("com.example.generated.Client0.call(Client0.java:10)")
                .contains("19800 more sites")
                .contains("And 17800 more: leaked at 17800 sites (")
                .doesNotContain("Client19999.call");
        // Exactly the first 200 sites open with their stack.
        assertThat(html.split("<details class=\"site\"", -1).length - 1).isEqualTo(200);

        Chromium.Run dom = chromium.dumpDom(write("big.html", html));
        assertThat(dom.consoleLines()).isEmpty();
        assertThat(dom.stdout()).contains("Client2199.call(Client2199.java:").contains("19800 more sites");
    }

    private static int distinctColours(BufferedImage image) {
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 7) {
            for (int x = 0; x < image.getWidth(); x += 7) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }

    @Test
    void aRecordingWithAScriptInItsUriRunsNoScript() throws Exception {
        String html = HtmlReport.render(SampleReport.model(true));
        Chromium.Run dom = chromium.dumpDom(write("hostile.html", html));
        assertThat(dom.consoleLines()).as("not even a blocked attempt").isEmpty();
        assertThat(title(dom.stdout())).startsWith("Leakline report: rec").doesNotContain("pwned");
        assertThat(dom.stdout()).doesNotContain("<script").doesNotContain("<img")
                .contains("&lt;script&gt;alert(1);document.title='pwned'&lt;/script&gt;");
    }

    @Test
    void theContentSecurityPolicyStopsAScriptEvenIfEscapingWereBypassed() throws Exception {
        // A page with the report's head and raw, unescaped payloads, as if an escape had been missed.
        Markup m = new Markup();
        HtmlReport.head(m, "Leakline report");
        m.trusted("<body><p>x</p><script>document.title='pwned'</script>"
                + "<img src=x onerror=\"document.title='pwned'\"><svg onload=\"document.title='pwned'\"></svg>"
                + "<style>p{display:none}</style><p style=\"color:red\">y</p></body></html>");
        Chromium.Run dom = chromium.dumpDom(write("bypassed.html", m.toString()));
        assertThat(title(dom.stdout())).isEqualTo("Leakline report");
        // Chromium reports each blocked attempt on the console: proof that the policy, not luck, stopped them.
        assertThat(String.join("\n", dom.consoleLines())).contains("Content Security Policy")
                .contains("inline script").contains("inline event handler").contains("Applying inline style");
    }

    @Test
    void withoutThePolicyTheSamePayloadWouldRun() throws Exception {
        // The control for the test above: the detection works, so "title unchanged" there means blocked.
        Chromium.Run dom = chromium.dumpDom(write("unprotected.html",
                "<!DOCTYPE html><html><head><title>Leakline report</title></head>"
                        + "<body><script>document.title='pwned'</script></body></html>"));
        assertThat(title(dom.stdout())).isEqualTo("pwned");
    }
}
