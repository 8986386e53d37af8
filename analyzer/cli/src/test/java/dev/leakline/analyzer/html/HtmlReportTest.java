package dev.leakline.analyzer.html;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakline.engine.timeline.GroupSeries;
import dev.leakline.analyzer.timeline.SyntheticService;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportTest {

    private static final Set<String> TAGS = Set.of("html", "head", "meta", "title", "style", "body", "header", "h1",
            "h2", "h3", "p", "main", "section", "table", "tbody", "tr", "td", "span", "figure", "figcaption", "strong",
            "svg", "line", "text", "path", "rect", "details", "summary", "code", "div", "ul", "li", "ol", "dl", "dt",
            "dd", "footer");
    private static final Set<String> ATTRIBUTES = Set.of("lang", "charset", "http-equiv", "name", "content", "class",
            "id", "xmlns", "viewBox", "role", "aria-label", "x", "y", "x1", "x2", "y1", "y2", "width", "height", "d",
            "text-anchor", "open");
    private static final Pattern TAG = Pattern.compile(
            "\\G<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:\\s[a-zA-Z][a-zA-Z0-9:-]*=\"[^\"<>]*\")*)\\s*/?>");
    private static final Pattern ATTRIBUTE = Pattern.compile("\\s([a-zA-Z][a-zA-Z0-9:-]*)=\"");

    /** Every tag and attribute name in the document, read by a strict tokenizer that fails on anything else. */
    private static Set<String> names(String html) {
        Set<String> names = new HashSet<>();
        String doctype = "<!DOCTYPE html>";
        assertThat(html).startsWith(doctype);
        int i = doctype.length();
        while (i < html.length()) {
            char c = html.charAt(i);
            if (c == '>') {
                throw new AssertionError("bare '>' in text at " + i + ": " + context(html, i));
            }
            if (c != '<') {
                i++;
                continue;
            }
            Matcher tag = TAG.matcher(html);
            if (!tag.find(i) || tag.start() != i) {
                throw new AssertionError("not a well-formed tag at " + i + ": " + context(html, i));
            }
            names.add("tag:" + tag.group(2));
            Matcher attribute = ATTRIBUTE.matcher(tag.group(3));
            while (attribute.find()) {
                names.add("attr:" + attribute.group(1));
            }
            i = tag.end();
            if (tag.group(2).equals("style") && tag.group(1).isEmpty()) {
                i = html.indexOf("</style>", i);
            }
        }
        return names;
    }

    private static String context(String s, int i) {
        return s.substring(Math.max(0, i - 40), Math.min(s.length(), i + 40));
    }

    @Test
    void hostileStringsAreTextEverywhere() {
        String html = HtmlReport.render(SampleReport.model(true));
        Set<String> names = names(html);
        Set<String> allowed = new HashSet<>();
        TAGS.forEach(t -> allowed.add("tag:" + t));
        ATTRIBUTES.forEach(a -> allowed.add("attr:" + a));
        assertThat(names).isSubsetOf(allowed);

        assertThat(html).contains("&lt;script&gt;alert(1);document.title=&#39;pwned&#39;&lt;/script&gt;");
        assertThat(html).contains("worker-&quot;&gt;&lt;img src=x onerror=&quot;document.title=&#39;pwned&#39;&quot;&gt;");
        assertThat(html).contains("evil.Frame.run(&lt;svg onload=document.title=&#39;pwned&#39;&gt;:1)");
        assertThat(html).contains("pool &#39;single&#39; &quot;double&quot; &amp; amp");
        assertThat(html).contains("<title>Leakline report: rec&lt;script&gt;alert(1)&lt;/script&gt;.jfr</title>");
        assertThat(html).contains("ctl\u2400\u2407\u241b[31m\u2421\uFFFD\uFFFDend");
    }

    @Test
    void noRawControlCharacterOrLoneSurrogateReachesThePage() {
        String html = HtmlReport.render(SampleReport.model(true));
        for (int i = 0; i < html.length(); i++) {
            char c = html.charAt(i);
            boolean control = (c < 0x20 && c != '\n' && c != '\t' && c != '\r') || (c >= 0x7f && c < 0xa0);
            boolean lone = Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < html.length()
                    && Character.isLowSurrogate(html.charAt(i + 1))) && !(Character.isLowSurrogate(c) && i > 0
                    && Character.isHighSurrogate(html.charAt(i - 1)));
            assertThat(control || lone).as("char U+%04X at %d: %s", (int) c, i, context(html, i)).isFalse();
        }
    }

    @Test
    void contentSecurityPolicyAllowsNoScriptAndOnlyTheReportsOwnStyleSheet() {
        String html = HtmlReport.render(SampleReport.model(false));
        Matcher csp = Pattern.compile("<meta http-equiv=\"Content-Security-Policy\" content=\"([^\"]*)\">")
                .matcher(html);
        assertThat(csp.find()).isTrue();
        assertThat(html.indexOf("<meta http-equiv")).as("CSP comes before any content")
                .isLessThan(html.indexOf("<title>"));
        String policy = csp.group(1).replace("&#39;", "'");
        assertThat(policy).startsWith("default-src 'none'; ").doesNotContain("unsafe").doesNotContain("script-src");
        String style = html.substring(html.indexOf("<style>") + 7, html.indexOf("</style>"));
        assertThat(policy).contains("style-src '" + HtmlReport.sha256(style) + "'");
        assertThat(html.split("<style>", -1)).as("exactly one style element").hasSize(2);
    }

    @Test
    void thePageNeedsNothingFromOutside() {
        String html = HtmlReport.render(SampleReport.model(false));
        Set<String> names = names(html);
        assertThat(names).doesNotContain("attr:src", "attr:href", "tag:link", "tag:script", "tag:img", "tag:iframe");
        assertThat(HtmlReport.CSS).doesNotContain("url(").doesNotContain("@import");
    }

    @Test
    void hoverTitlesCarryEachBucketsValues() {
        ReportModel model = SampleReport.model(false);
        String html = HtmlReport.render(model);
        for (GroupSeries g : model.timeline().groups()) {
            String figure = figure(html, g.group());
            Matcher hit = Pattern.compile("<rect class=\"hit\"[^>]*><title>([^<]*)</title></rect>").matcher(figure);
            List<String> titles = new ArrayList<>();
            while (hit.find()) {
                titles.add(hit.group(1));
            }
            assertThat(titles).hasSize(model.timeline().buckets());
            for (int i = 0; i < titles.size(); i++) {
                assertThat(titles.get(i)).as("%s bucket %d", g.group(), i)
                        .contains("\noutstanding " + g.outstanding().at(i) + "\n")
                        .contains("\nconnections held " + g.connectionsHeld().at(i) + "\n")
                        .endsWith("\nleaked so far " + g.leakedAccumulated().at(i));
            }
        }
        assertThat(figure(html, SyntheticService.LEAKY)).contains("leaked so far (10)");
    }

    private static String figure(String html, String group) {
        for (String part : html.split("<figure class=\"group\">")) {
            if (part.startsWith("<figcaption><strong>" + Html.escape(group) + "</strong>")) {
                return part.substring(0, part.indexOf("</figure>"));
            }
        }
        throw new AssertionError("no chart for " + group);
    }

    @Test
    void sitesAndThreadsAreCollapsibleWithTheirStacksInOrder() {
        ReportModel model = SampleReport.model(false);
        String html = HtmlReport.render(model);
        assertThat(html.split("<details ", -1)).hasSize(1 + model.sites().size() + model.threads().size());
        String leak = html.substring(html.indexOf("<details class=\"site\" open=\"\">"));
        leak = leak.substring(0, leak.indexOf("</details>"));
        List<String> items = new ArrayList<>();
        Matcher li = Pattern.compile("<li(?: class=\"app\")?>([^<]*)</li>").matcher(leak);
        while (li.find()) {
            items.add(li.group(1));
        }
        assertThat(items).isEqualTo(model.sites().get(0).frames());
        assertThat(leak).contains("<li class=\"app\">" + model.sites().get(0).site() + "</li>")
                .contains("<span class=\"v v-leaked\">leaked</span>").contains("10 responses · age 10.0 s to 1 min 40 s (median 55.0 s)");
    }

    @Test
    void summaryAndFactsShowTheModelsNumbers() {
        String html = HtmlReport.render(SampleReport.model(false));
        assertThat(html).contains("<td>responses</td><td class=\"n\">1500</td>")
                .contains("<td><span class=\"v v-clean\">clean</span></td><td class=\"n\">1487</td>")
                .contains("<dt>chunks</dt><dd>2</dd>")
                .contains("<dt>data loss</dt><dd>none reported</dd>")
                .contains("<dt>time span</dt><dd>2026-11-23 10:00:00 to 2026-11-23 10:01:40 UTC (1 min 40 s)</dd>");
    }

    @Test
    void anUnknownVerdictGetsNoClassOfItsOwn() {
        ReportModel base = SampleReport.model(false);
        ReportModel odd = new ReportModel(new ReportModel.Summary("x", 1,
                List.of(new ReportModel.VerdictCount("x\" onmouseover=\"y", 1))), base.timeline(), List.of(),
                List.of(), base.facts(), base.generatedAt());
        String html = HtmlReport.render(odd);
        assertThat(html).contains("<span class=\"v\">x&quot; onmouseover=&quot;y</span>");
    }
}
