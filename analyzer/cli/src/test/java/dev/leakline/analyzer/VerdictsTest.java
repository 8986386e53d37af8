package dev.leakline.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.leakline.jfr.Actor;
import dev.leakline.jfr.Leakline;
import dev.leakline.jfr.ReleaseOutcome;
import dev.leakline.jfr.TrackedResponse;

/**
 * One real recording with one response per verdict, each opened at its own line, analyzed through the real CLI.
 */
class VerdictsTest {
    private static final String C = "test-client";
    private static final String URI = "http://127.0.0.1:8080/items";
    private static final Map<String, String> SITES = new HashMap<>();

    @TempDir
    static Path dir;
    static Path recording;

    @BeforeAll
    static void record() throws Exception {
        recording = TestRecordings.record(dir, "verdicts.jfr", () -> {
            leaked();
            TrackedResponse late = recoveredOpen();
            closedUnread();
            drainedNotClosed();
            clean();
            TestRecordings.pause(Duration.ofMillis(600));
            late.closed(Actor.APPLICATION);
        });
    }

    // Each case opens its response with Leakline.responseOpened and calls site() on the same line: that line is
    // the site the analyzer must name.

    private static void site(String verdict) {
        StackWalker.StackFrame f = StackWalker.getInstance().walk(s -> s.skip(1).findFirst()).orElseThrow();
        SITES.put(verdict, f.getClassName() + "." + f.getMethodName() + "(" + f.getFileName() + ":"
                + f.getLineNumber() + ")");
    }

    private static void leaked() {
        Leakline.responseOpened(C, 0, "GET", URI, 200, "HTTP/1.1", 10); site("leaked");
    }

    private static TrackedResponse recoveredOpen() {
        TrackedResponse r = Leakline.responseOpened(C, 0, "GET", URI, 200, "HTTP/1.1", 10); site("recovered");
        return r;
    }

    private static void closedUnread() {
        TrackedResponse r = Leakline.responseOpened(C, 7, "GET", URI, 200, "HTTP/1.1", 10); site("closed_unread");
        r.bodyRead(3);
        r.closed(Actor.APPLICATION);
        Leakline.connectionReleased(7, "pool-a", ReleaseOutcome.CLOSED, r.id());
    }

    private static void drainedNotClosed() {
        TrackedResponse r = Leakline.responseOpened(C, 0, "GET", URI, 200, "HTTP/1.1", 10); site("drained_not_closed");
        r.bodyRead(10);
        r.bodyDrained(Actor.APPLICATION);
    }

    private static void clean() {
        for (int i = 0; i < 3; i++) {
            TrackedResponse r = Leakline.responseOpened(C, 8, "GET", URI, 200, "HTTP/1.1", 10); site("clean");
            r.bodyRead(10);
            r.bodyDrained(Actor.APPLICATION);
            r.closed(Actor.APPLICATION);
            Leakline.connectionReleased(8, "pool-a", ReleaseOutcome.POOLED, r.id());
        }
    }

    private static Map<String, JsonNode> sitesByName(JsonNode report) {
        Map<String, JsonNode> bySite = new HashMap<>();
        report.get("sites").forEach(s -> bySite.put(s.get("site").asText(), s));
        return bySite;
    }

    @Test
    void everyVerdictAtItsOwnLine() throws Exception {
        Cli.Result result = Cli.run("analyze", "--min-age", "300ms", "--format", "json", recording);

        assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
        JsonNode report = new ObjectMapper().readTree(result.out());
        Map<String, JsonNode> bySite = sitesByName(report);
        for (String verdict : List.of("leaked", "recovered", "closed_unread", "drained_not_closed")) {
            JsonNode site = bySite.get(SITES.get(verdict));
            assertThat(site).as(verdict + " at " + SITES.get(verdict) + " in " + bySite.keySet()).isNotNull();
            assertThat(site.get("counts").get(verdict).asLong()).as(verdict).isEqualTo(1);
            assertThat(site.get("counts").get("clean").asLong()).as(verdict).isZero();
        }
        assertThat(bySite.get(SITES.get("clean")).get("counts").get("clean").asLong()).isEqualTo(3);
        assertThat(report.at("/summary/verdicts/leaked").asLong()).isEqualTo(1);
        assertThat(report.at("/summary/verdicts/clean").asLong()).isEqualTo(3);
        assertThat(report.at("/summary/leakSites").asLong()).isEqualTo(1);
        assertThat(report.at("/exitCode").asInt()).isEqualTo(1);
    }

    @Test
    void closedUnreadNamesWhatHappenedToTheConnection() throws Exception {
        JsonNode report = new ObjectMapper().readTree(Cli.run("analyze", "--min-age", "300ms", "--format", "json",
                recording).out());

        JsonNode site = sitesByName(report).get(SITES.get("closed_unread"));
        assertThat(site.at("/closedUnreadConnections/closed").asLong()).isEqualTo(1);
        JsonNode response = null;
        for (JsonNode r : report.get("responses")) {
            if (r.get("verdict").asText().equals("closed_unread")) {
                response = r;
            }
        }
        assertThat(response).isNotNull();
        assertThat(response.get("connectionOutcome").asText()).isEqualTo("closed");
        assertThat(response.get("pool").asText()).isEqualTo("pool-a");
        assertThat(response.get("bytesRead").asLong()).isEqualTo(3);
        Map<Long, JsonNode> connections = new HashMap<>();
        report.get("connections").forEach(c -> connections.put(c.get("connectionId").asLong(), c));
        assertThat(connections).containsOnlyKeys(7L, 8L);
        assertThat(connections.get(7L).get("responses").asLong()).isEqualTo(1);
        assertThat(connections.get(7L).get("closed").asLong()).isEqualTo(1);
        assertThat(connections.get(8L).get("responses").asLong()).isEqualTo(3);
        assertThat(connections.get(8L).get("pooled").asLong()).isEqualTo(3);
        assertThat(connections.get(8L).get("pool").asText()).isEqualTo("pool-a");
    }

    @Test
    void leakSiteHasAgeClientHostAndExampleUri() throws Exception {
        JsonNode report = new ObjectMapper().readTree(Cli.run("analyze", "--min-age", "300ms", "--format", "json",
                recording).out());

        JsonNode leaked = sitesByName(report).get(SITES.get("leaked")).get("leaked");
        assertThat(leaked.get("count").asLong()).isEqualTo(1);
        assertThat(leaked.at("/ageMillis/min").asLong()).isGreaterThan(300);
        assertThat(leaked.get("hosts").get(0).asText()).isEqualTo("127.0.0.1:8080");
        assertThat(leaked.get("exampleUris").get(0).asText()).isEqualTo("GET " + URI);
        assertThat(sitesByName(report).get(SITES.get("leaked")).get("clients").get(0).asText())
                .isEqualTo("test-client");
    }

    @Test
    void aLongerMinAgeTurnsTheLeakIntoInFlightAndTheLateCloseIntoClosedUnread() throws Exception {
        Cli.Result result = Cli.run("analyze", "--min-age", "1h", "--format", "json", recording);

        assertThat(result.exitCode()).isZero();
        JsonNode report = new ObjectMapper().readTree(result.out());
        assertThat(report.at("/summary/verdicts/leaked").asLong()).isZero();
        assertThat(report.at("/summary/verdicts/in_flight").asLong()).isEqualTo(1);
        assertThat(report.at("/summary/verdicts/recovered").asLong()).isZero();
        assertThat(report.at("/summary/verdicts/closed_unread").asLong()).isEqualTo(2);
    }

    @Test
    void textReportLeadsWithTheSiteToFixAndFitsEightyColumns() {
        Cli.Result result = Cli.run("analyze", "--min-age", "300ms", recording);

        assertThat(result.exitCode()).isEqualTo(1);
        String out = result.out();
        assertThat(out).startsWith("Leakline: 1 leaked response at 1 site");
        int fix = out.indexOf("What to fix");
        assertThat(fix).isPositive();
        // The site without its package (shown on the next line), so that it fits 80 columns.
        String site = SITES.get("leaked").replace("dev.leakline.analyzer.", "");
        assertThat(out).contains("1. " + site + "\n   in dev.leakline.analyzer\n");
        assertThat(out.indexOf(site)).isGreaterThan(fix).isLessThan(out.indexOf("Responses by site"));
        assertThat(out.lines().filter(l -> l.length() > 80)).isEmpty();
    }
}
