package dev.leakline.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * The JSON report is bounded by default (a few responses per site and verdict, the rest counted) and lists every
 * response only with {@code --all-responses}; checked on the java.net.http service recording against its truth file.
 */
class JsonBoundedTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void samplesPerSiteByDefaultAndEveryResponseOnRequest() throws Exception {
        Path recordings = Path.of(System.getProperty("leakline.repoRoot", "../.."))
                .resolve("recordings/jdk17/java-net-http").normalize();
        Path service = recordings.resolve("service.jfr");
        JsonNode truth = JSON.readTree(recordings.resolve("service.truth.json").toFile());
        long leakedInTruth = 0;
        for (JsonNode r : truth.path("responses")) {
            if (r.path("expected").asText().equals("leaked")) {
                leakedInTruth++;
            }
        }
        assertThat(leakedInTruth).isGreaterThan(3); // else the sample would not be smaller than the whole

        Cli.Result bounded = Cli.run("analyze", "--format", "json", service);
        Cli.Result all = Cli.run("analyze", "--format", "json", "--all-responses", service);
        assertThat(bounded.exitCode()).as(bounded.err()).isEqualTo(1);
        assertThat(all.exitCode()).as(all.err()).isEqualTo(1);
        JsonNode b = JSON.readTree(bounded.out());
        JsonNode a = JSON.readTree(all.out());

        assertThat(countVerdict(a, "leaked")).isEqualTo(leakedInTruth);
        assertThat(a.path("listed").path("everyResponse").asBoolean()).isTrue();
        assertThat(a.path("listed").path("responsesOmitted").asLong()).isZero();

        Map<String, Integer> perSite = new HashMap<>();
        for (JsonNode r : b.path("responses")) {
            perSite.merge(r.path("verdict").asText() + " " + r.path("site").asText(), 1, Integer::sum);
        }
        assertThat(perSite.values()).allMatch(n -> n <= 3);
        assertThat(b.path("listed").path("everyResponse").asBoolean()).isFalse();
        assertThat(b.path("responses").size() + b.path("listed").path("responsesOmitted").asLong())
                .isEqualTo(a.path("responses").size());
        assertThat(b.path("listed").path("responsesOmitted").asLong()).isPositive();
        // Counts and per-site figures do not depend on the listing.
        assertThat(b.path("summary")).isEqualTo(a.path("summary"));
        assertThat(b.path("sites")).isEqualTo(a.path("sites"));
        assertThat(b.path("summary").path("verdicts").path("leaked").asLong()).isEqualTo(leakedInTruth);
    }

    private static long countVerdict(JsonNode report, String verdict) {
        long n = 0;
        for (JsonNode r : report.path("responses")) {
            if (r.path("verdict").asText().equals(verdict)) {
                n++;
            }
        }
        return n;
    }
}
