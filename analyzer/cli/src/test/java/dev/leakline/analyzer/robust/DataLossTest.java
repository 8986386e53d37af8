package dev.leakline.analyzer.robust;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recording that lost events: the committed {@code src/test/resources/lossy/flood-with-leaks.jfr.gz} (JDK 17,
 * with its truth file beside it), made by
 * {@link FloodWithLeaks} in a JVM with tiny JFR buffers flooded until it wrote {@code jdk.DataLoss} (a real loss, not
 * a crafted one). It is committed rather than made here because only some JDKs drop data under a flood: JDK 25 keeps
 * every event of a disk recording (it allocates transient buffers when its global ones are full), so the test would
 * not find a loss there. Its truth file says what the program left open and when, and the last loss came before the
 * late opens (the program checked).
 */
class DataLossTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    /** The analyzer's run on the lossy recording, made once for the tests below. */
    private static RobustCli.Run lossy;
    private static JsonNode report;

    @AfterAll
    static void closeOpen() {
        SourceRecordings.closeKeptOpen();
    }

    static Path lossyRecording() throws Exception {
        return Path.of(DataLossTest.class.getResource("/lossy/flood-with-leaks.jfr.gz").toURI());
    }

    @BeforeAll
    static void analyzeALossyRecording() throws Exception {
        try (RobustCli cli = new RobustCli(Duration.ofSeconds(120))) {
            lossy = cli.run("analyze", "--format", "json", "--min-age", FloodWithLeaks.MIN_AGE_MILLIS + "ms",
                    lossyRecording().toString());
        }
        report = JSON.readTree(lossy.out());
    }

    /** Verdict and uncertainty of each response, by its path's case: "uncertain true" and so on. */
    private static Map<String, List<String>> byCase() {
        Map<String, List<String>> out = new HashMap<>();
        report.path("responses").forEach(r -> {
            String uri = r.path("uri").asText();
            String path = uri.substring(uri.indexOf("8080/") + 5, uri.lastIndexOf('/'));
            out.computeIfAbsent(path, k -> new java.util.ArrayList<>())
                    .add(r.path("verdict").asText() + " " + r.path("uncertain").asBoolean());
        });
        return out;
    }

    @Test
    void theRecordingHoldsDataLoss() {
        assertThat(lossy.exitCode()).as(lossy.err()).isEqualTo(1);
        assertThat(report.path("recording").path("dataLoss")).as("loss windows in the report").isNotEmpty();
        report.path("recording").path("dataLoss").forEach(w -> assertThat(w.path("reason").asText())
                .startsWith("jdk.DataLoss"));
    }

    @Test
    void verdictsPerSiteMatchTheTruthFile() throws Exception {
        JsonNode truth = JSON.readTree(lossyRecording().resolveSibling("flood-with-leaks.truth.json").toFile());
        Map<String, Long> expected = new java.util.TreeMap<>();
        truth.path("responses").forEach(r -> expected.merge(r.path("site").asText() + " -> "
                + r.path("expected").asText(), 1L, Long::sum));
        Map<String, Long> actual = new java.util.TreeMap<>();
        report.path("sites").forEach(site -> site.path("counts").fields().forEachRemaining(e -> {
            if (e.getValue().asLong() > 0) {
                actual.put(site.path("site").asText() + " -> " + e.getKey(), e.getValue().asLong());
            }
        }));
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void leaksOpenedBeforeALossAreUncertainNotLeaked() {
        assertThat(byCase().get("leaked")).containsExactly("uncertain true", "uncertain true", "uncertain true");
        assertThat(report.at("/summary/verdicts/uncertain").asLong()).isEqualTo(3);
    }

    @Test
    void leaksOpenedAfterTheLastLossOfTheirRunAreCertain() {
        assertThat(byCase().get("after-loss")).containsExactly("leaked false", "leaked false");
        assertThat(report.at("/summary/verdicts/leaked").asLong()).isEqualTo(2);
    }

    @Test
    void aRecoveredResponseWhoseLifeOverlapsALossIsUncertain() {
        assertThat(byCase().get("late-close")).containsExactly("recovered true");
    }

    @Test
    void withoutLostDataTheSameLeaksAreCertain() throws Exception {
        Path file = SourceRecordings.record(dir.resolve("no-loss.jfr"), 1);
        RobustCli.Run run;
        try (RobustCli cli = new RobustCli(Duration.ofSeconds(60))) {
            run = cli.run("analyze", "--format", "json", "--min-age", "1ms", file.toString());
        }
        JsonNode clean = JSON.readTree(run.out());
        assertThat(clean.path("recording").path("dataLoss")).isEmpty();
        assertThat(clean.path("responses")).isNotEmpty()
                .allSatisfy(r -> assertThat(r.path("uncertain").asBoolean()).isFalse());
    }
}
