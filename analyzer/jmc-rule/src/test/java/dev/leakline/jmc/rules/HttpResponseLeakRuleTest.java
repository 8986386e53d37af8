package dev.leakline.jmc.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.common.unit.IQuantity;
import org.openjdk.jmc.common.unit.UnitLookup;
import org.openjdk.jmc.common.util.IPreferenceValueProvider;
import org.openjdk.jmc.common.util.TypedPreference;
import org.openjdk.jmc.flightrecorder.JfrLoaderToolkit;
import org.openjdk.jmc.flightrecorder.rules.IResult;
import org.openjdk.jmc.flightrecorder.rules.IRule;
import org.openjdk.jmc.flightrecorder.rules.ResultToolkit;
import org.openjdk.jmc.flightrecorder.rules.RuleRegistry;
import org.openjdk.jmc.flightrecorder.rules.Severity;
import org.openjdk.jmc.flightrecorder.rules.report.html.JfrHtmlRulesReport;
import org.openjdk.jmc.flightrecorder.rules.util.RulesToolkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * Runs JMC's rule engine, as JMC's HTML report does ({@link RulesToolkit#evaluateParallel} over
 * {@link RuleRegistry#getRules()}), over committed recordings: the expected verdicts come from each recording's truth
 * file, never from the rule's output. A rule that throws fails the test: every future is read with {@code get}, whose
 * {@code ExecutionException} is not caught.
 */
class HttpResponseLeakRuleTest {
    private static final Path RECORDINGS = Path.of(System.getProperty("leakline.repoRoot", "../.."))
            .resolve("recordings/jdk17").normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"java-net-http", "httpurlconnection", "apache-httpclient5", "okhttp"})
    void warnsWithTheTruthFilesLeakCountAndTopSite(String client) throws Exception {
        Path recording = RECORDINGS.resolve(client).resolve("four-cases-small.jfr");
        Truth truth = Truth.of(recording);
        assertThat(truth.leaked).as("the scenario leaks").isPositive();

        Map<IRule, IResult> results = evaluateAll(recording);
        IResult result = leaklineResult(results);

        assertThat(result.getSeverity()).isEqualTo(Severity.WARNING);
        assertThat(result.getResult(HttpResponseLeakRule.LEAK_COUNT).longValue()).isEqualTo(truth.leaked);
        assertThat(result.getResult(HttpResponseLeakRule.TOP_SITE)).isEqualTo(truth.topLeakSite);
        String fileLine = truth.topLeakSite.substring(truth.topLeakSite.lastIndexOf('(') + 1,
                truth.topLeakSite.length() - 1);
        assertThat(result.getSummary()).startsWith(truth.leaked + " HTTP responses leaked")
                .contains(truth.topLeakCount + " at " + fileLine);
        assertThat(ResultToolkit.populateMessage(result, result.getExplanation(), false))
                .contains(truth.topLeakSite + ": " + truth.topLeakCount + " leaked, open");
        assertThat(result.getSolution()).contains("Start with " + truth.topLeakSite);
        // The recording is dumped once every unfinished response is older than the minimum age (5 s).
        assertThat(result.getResult(HttpResponseLeakRule.OLDEST_LEAK).longValueIn(UnitLookup.MILLISECOND))
                .isGreaterThanOrEqualTo(5000);
        assertThat(result.getResult(org.openjdk.jmc.flightrecorder.rules.TypedResult.SCORE).doubleValue())
                .isBetween(75.0, 100.0);

        // JMC's own rules ran beside ours and judged this recording.
        List<IResult> jdkResults = results.entrySet().stream()
                .filter(e -> e.getKey().getClass().getName().startsWith("org.openjdk.jmc.flightrecorder.rules.jdk."))
                .map(Map.Entry::getValue).toList();
        assertThat(jdkResults).hasSizeGreaterThan(30);
        assertThat(jdkResults).filteredOn(r -> r.getSeverity() != Severity.NA).isNotEmpty();
    }

    /** Longer, multi-chunk recordings: a shared client leaking now and then, and chunks lost to maxage. */
    @ParameterizedTest
    @ValueSource(strings = {"java-net-http/service", "httpurlconnection/service", "apache-httpclient5/service",
            "okhttp/service", "java-net-http/lost-chunks", "okhttp/lost-chunks"})
    void countsLeaksAcrossChunksAsTheTruthFileDoes(String name) throws Exception {
        Path recording = RECORDINGS.resolve(name + ".jfr");
        Truth truth = Truth.of(recording);

        IResult result = evaluate(new HttpResponseLeakRule(), JfrLoaderToolkit.loadEvents(recording.toFile()),
                IPreferenceValueProvider.DEFAULT_VALUES);

        assertThat(result.getSeverity()).isEqualTo(Severity.WARNING);
        assertThat(result.getResult(HttpResponseLeakRule.LEAK_COUNT).longValue()).isEqualTo(truth.leaked);
        assertThat(result.getResult(HttpResponseLeakRule.TOP_SITE)).isEqualTo(truth.topLeakSite);
    }

    @Test
    void okWhenEveryResponseFinished() throws Exception {
        Path recording = RECORDINGS.resolve("java-net-http/client-per-request-closed.jfr");
        Truth truth = Truth.of(recording);
        assertThat(truth.byVerdict).as("every response in this scenario is clean").containsOnlyKeys("clean");

        IResult result = leaklineResult(evaluateAll(recording));

        assertThat(result.getSeverity()).isEqualTo(Severity.OK);
        assertThat(result.getResult(HttpResponseLeakRule.LEAK_COUNT).longValue()).isZero();
        long clean = truth.byVerdict.get("clean");
        assertThat(result.getSummary()).isEqualTo("No HTTP response leaked: " + clean + " of " + clean
                + " responses recorded by Leakline were read to the end and closed.");
    }

    @Test
    void infoWhenResponsesFinishedLate() throws Exception {
        Path recording = RECORDINGS.resolve("java-net-http/late-close.jfr");
        Truth truth = Truth.of(recording);
        assertThat(truth.byVerdict).containsOnlyKeys("recovered");

        IResult result = leaklineResult(evaluateAll(recording));

        assertThat(result.getSeverity()).isEqualTo(Severity.INFO);
        assertThat(result.getResult(HttpResponseLeakRule.LEAK_COUNT).longValue()).isZero();
        String site = truth.sites("recovered").keySet().iterator().next();
        assertThat(result.getSummary()).startsWith("No HTTP response leaked, but " + truth.byVerdict.get("recovered")
                + " responses opened at " + site);
        assertThat(result.getSolution()).contains("Start with " + site);
        assertThat(ResultToolkit.populateMessage(result, result.getExplanation(), false))
                .contains(truth.byVerdict.get("recovered") + " responses opened at " + site
                        + ": left open longer than the minimum age, then finished.");
    }

    @Test
    void infoWhenEachRequestLeftAClientsThreadsRunning() throws Exception {
        Path recording = RECORDINGS.resolve("java-net-http/client-per-request.jfr");
        Truth truth = Truth.of(recording);
        assertThat(truth.byVerdict).containsOnlyKeys("clean");
        JsonNode threads = truth.root.get("threadsAliveAtEnd").get(0);

        IResult result = leaklineResult(evaluateAll(recording));

        assertThat(result.getSeverity()).isEqualTo(Severity.INFO);
        assertThat(result.getResult(HttpResponseLeakRule.LEAK_COUNT).longValue()).isZero();
        assertThat(result.getSummary()).isEqualTo("No HTTP response leaked, but " + threads.get("count").asLong() + " "
                + threads.get("namePattern").asText() + " threads still alive at the end, started at "
                + threads.get("site").asText() + ".");
        assertThat(result.getSolution()).startsWith("Build one client and reuse it");
    }

    @Test
    void minimumAgeIsTheRulesPreference() throws Exception {
        Path recording = RECORDINGS.resolve("java-net-http/four-cases-small.jfr");
        IItemCollection items = JfrLoaderToolkit.loadEvents(recording.toFile());
        IPreferenceValueProvider oneHour = new IPreferenceValueProvider() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> T getPreferenceValue(TypedPreference<T> preference) {
                return preference == HttpResponseLeakRule.MIN_AGE ? (T) UnitLookup.HOUR.quantity(1)
                        : preference.getDefaultValue();
            }
        };

        IResult result = evaluate(new HttpResponseLeakRule(), items, oneHour);

        // Every unfinished response is younger than an hour: in flight, not leaked.
        assertThat(result.getResult(HttpResponseLeakRule.LEAK_COUNT).longValue()).isZero();
        assertThat(result.getSeverity()).isNotEqualTo(Severity.WARNING);
        assertThat(HttpResponseLeakRule.MIN_AGE.getDefaultValue().longValueIn(UnitLookup.SECOND)).isEqualTo(5);
    }

    @Test
    void notApplicableWithAReasonWithoutLeaklineEvents(@TempDir Path dir) throws Exception {
        Path recording = dir.resolve("no-leakline.jfr");
        try (Recording r = new Recording(Configuration.getConfiguration("default"))) {
            r.start();
            long until = System.nanoTime() + Duration.ofMillis(300).toNanos();
            while (System.nanoTime() < until) {
                Thread.sleep(20);
            }
            r.stop();
            r.dump(recording);
        }

        Map<IRule, IResult> results = evaluateAll(recording);
        IResult result = leaklineResult(results);

        assertThat(result.getSeverity()).isEqualTo(Severity.NA);
        assertThat(result.getSummary())
                .isEqualTo("The recording holds no Leakline events, so HTTP response leaks cannot be judged.");
        assertThat(result.getSolution()).contains("settings=<path>/leakline.jfc");
        assertThat(results.entrySet()).filteredOn(e -> e.getKey().getClass().getName()
                .startsWith("org.openjdk.jmc.flightrecorder.rules.jdk.") && e.getValue().getSeverity() != Severity.NA)
                .isNotEmpty();
    }

    @Test
    void jmcsHtmlReportShowsTheResult() throws Exception {
        Path recording = RECORDINGS.resolve("java-net-http/four-cases-small.jfr");
        Truth truth = Truth.of(recording);

        String html = JfrHtmlRulesReport.createReport(new File(recording.toString()));

        assertThat(html).contains("class=\"rule_name\">" + HttpResponseLeakRule.NAME + "</div>");
        assertThat(html).contains("<li>" + truth.topLeakSite + ": " + truth.topLeakCount + " leaked, open");
        assertThat(html).contains("name=\"" + HttpResponseLeakRule.ID + "\"");
    }

    @Test
    void registeredAsAService() {
        assertThat(RuleRegistry.getRules()).filteredOn(r -> r instanceof HttpResponseLeakRule).hasSize(1);
        assertThat(RulesToolkit.getAllTopics()).contains(new HttpResponseLeakRule().getTopic());
    }

    /** Every registered rule over the recording, as JMC's report runs them; a rule that throws fails the test. */
    private static Map<IRule, IResult> evaluateAll(Path recording) throws Exception {
        IItemCollection items = JfrLoaderToolkit.loadEvents(recording.toFile());
        Map<IRule, Future<IResult>> futures = RulesToolkit.evaluateParallel(RuleRegistry.getRules(), items, null, 2);
        Map<IRule, IResult> results = new HashMap<>();
        for (Map.Entry<IRule, Future<IResult>> entry : futures.entrySet()) {
            // No catch: an ExecutionException (a rule threw) fails the test with the rule's exception as cause.
            results.put(entry.getKey(), entry.getValue().get(2, TimeUnit.MINUTES));
        }
        return results;
    }

    private static IResult evaluate(IRule rule, IItemCollection items, IPreferenceValueProvider preferences)
            throws Exception {
        Future<IResult> future = RulesToolkit.evaluateParallel(List.of(rule), items, preferences, 1).get(rule);
        return future.get(2, TimeUnit.MINUTES);
    }

    private static IResult leaklineResult(Map<IRule, IResult> results) {
        List<IResult> ours = results.entrySet().stream().filter(e -> e.getKey() instanceof HttpResponseLeakRule)
                .map(Map.Entry::getValue).toList();
        assertThat(ours).hasSize(1);
        return ours.get(0);
    }

    /** What a recording's truth file says happened. */
    private static final class Truth {
        final JsonNode root;
        final JsonNode responses;
        final Map<String, Long> byVerdict;
        final long leaked;
        final String topLeakSite;
        final long topLeakCount;

        private Truth(JsonNode root) {
            this.root = root;
            responses = root.get("responses");
            Map<String, Long> counts = new HashMap<>();
            responses.forEach(r -> counts.merge(r.get("expected").asText(), 1L, Long::sum));
            byVerdict = counts;
            leaked = counts.getOrDefault("leaked", 0L);
            Map<String, Long> leakSites = sites("leaked");
            Map.Entry<String, Long> top = leakSites.entrySet().stream().max(Map.Entry.comparingByValue())
                    .orElse(null);
            topLeakSite = top == null ? null : top.getKey();
            topLeakCount = top == null ? 0 : top.getValue();
        }

        static Truth of(Path recording) throws Exception {
            String name = recording.getFileName().toString().replace(".jfr", ".truth.json");
            return new Truth(JSON.readTree(recording.resolveSibling(name).toFile()));
        }

        /** Responses per site with this verdict. */
        Map<String, Long> sites(String verdict) {
            List<JsonNode> list = new java.util.ArrayList<>();
            responses.forEach(list::add);
            return list.stream().filter(r -> verdict.equals(r.get("expected").asText()))
                    .collect(Collectors.groupingBy(r -> r.get("site").asText(), Collectors.counting()));
        }
    }
}
