package dev.leakline.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * Thread findings on the committed recordings (their truth files say which clients the scenario built and kept): a
 * shared client is not told to build one client, JVM-wide singletons are not pinned on the line that first needed
 * them, and workers of several clients are not "related" to a leak site by a time window.
 */
class ThreadFindingsOnRealRecordingsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode analyze(String recording) throws Exception {
        Path file = Path.of(System.getProperty("leakline.repoRoot", "../..")).resolve("recordings").resolve(recording)
                .normalize();
        Cli.Result result = Cli.run("analyze", "--format", "json", file);
        assertThat(result.exitCode()).as(result.err()).isIn(0, 1);
        return JSON.readTree(result.out());
    }

    private static List<String> threadFindings(JsonNode report) {
        List<String> out = new ArrayList<>();
        report.path("findings").forEach(f -> {
            if (f.path("kind").asText().equals("threads")) {
                out.add(f.path("severity").asText() + " " + f.path("count").asLong() + " " + f.path("fix").asText());
            }
        });
        return out;
    }

    private static JsonNode group(JsonNode report, String pattern) {
        for (JsonNode g : report.at("/threads/aliveAtEnd")) {
            if (g.path("namePattern").asText().equals(pattern)) {
                return g;
            }
        }
        return null;
    }

    @Test
    void aSharedClientIsNotToldToBuildOneClientAndReuseIt() throws Exception {
        // The scenario's one shared java.net.http client (JavaNetHttpCases.shared), alive at the end by design.
        JsonNode report = analyze("jdk17/java-net-http/in-flight.jfr");

        assertThat(threadFindings(report)).containsExactly(
                "info 1 Nothing, if the client is shared; close it when done if it is not.");
    }

    @Test
    void fiveClientsBuiltAtOneLineAreToldToBuildOneClient() throws Exception {
        JsonNode report = analyze("jdk17/java-net-http/client-per-request.jfr");

        assertThat(threadFindings(report)).containsExactly(
                "warning 5 Build one client and reuse it, or close each client when done.");
    }

    @Test
    void okiosWatchdogIsNotAttributedToTheLineThatFirstUsedOkHttp() throws Exception {
        // Okio's watchdog is one thread per JVM; its jdk.ThreadStart stack names the first call that set a timeout.
        JsonNode report = analyze("jdk17/okhttp/four-cases-small.jfr");

        assertThat(group(report, "Okio Watchdog")).isNull();
        report.at("/threads/aliveAtEnd").forEach(g -> assertThat(g.path("namePattern").asText())
                .isNotEqualTo("Okio Watchdog"));
    }

    @Test
    void workersOfSeveralClientsAreNotRelatedToALeakSiteByTime() throws Exception {
        // Four clients (one per case), their workers folded into one HttpClient-#-Worker-# group.
        JsonNode report = analyze("jdk25/java-net-http/four-cases-small.jfr");

        JsonNode workers = group(report, "HttpClient-#-Worker-#");
        assertThat(workers).isNotNull();
        assertThat(workers.path("relatedSites")).isEmpty();
    }

    @Test
    void workersOfOneClientAreStillRelatedToItsOneLeakSite() throws Exception {
        JsonNode report = analyze("jdk25/java-net-http/in-flight.jfr");

        JsonNode workers = group(report, "HttpClient-#-Worker-#");
        assertThat(workers).isNotNull();
        assertThat(workers.path("relatedSites")).hasSize(1);
        assertThat(workers.path("relatedSites").get(0).path("site").asText())
                .isEqualTo("dev.leakline.scenarios.clients.JavaNetHttpCases.reports(JavaNetHttpCases.java:127)");
    }
}
