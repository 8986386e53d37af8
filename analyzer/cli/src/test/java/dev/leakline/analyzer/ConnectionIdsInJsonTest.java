package dev.leakline.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.leakline.jfr.Leakline;
import dev.leakline.jfr.ReleaseOutcome;
import dev.leakline.jfr.TrackedResponse;

/**
 * Connection ids of 2^53 and more (written by producers before Leakline kept its ids below that) reach the JSON
 * report as decimal strings, so a reader that holds numbers as doubles cannot round them; smaller ids stay numbers.
 */
class ConnectionIdsInJsonTest {
    private static final long LARGE = (1L << 60) + 1;
    private static final long SMALL = (1L << 53) - 1;

    @TempDir
    Path dir;

    @Test
    void idsFromTwoToThe53OnAreWrittenAsStringsSmallerOnesAsNumbers() throws Exception {
        Path recording = TestRecordings.record(dir, "ids.jfr", () -> {
            TrackedResponse large = Leakline.responseOpened("c", LARGE, "GET", "http://h/large", 200, "HTTP/1.1", 10);
            Leakline.responseOpened("c", SMALL, "GET", "http://h/small", 200, "HTTP/1.1", 10);
            Leakline.connectionReleased(LARGE, "p", ReleaseOutcome.CLOSED, large.id());
            TestRecordings.pause(java.time.Duration.ofMillis(50));
        });

        JsonNode report = new ObjectMapper().readTree(Cli.run("analyze", "--format", "json", "--min-age", "1ms",
                recording).out());

        Map<String, JsonNode> byUri = new HashMap<>();
        report.get("responses").forEach(r -> byUri.put(r.get("uri").asText(), r.get("connectionId")));
        assertThat(byUri.get("http://h/large").isTextual()).isTrue();
        assertThat(byUri.get("http://h/large").asText()).isEqualTo("1152921504606846977");
        assertThat(byUri.get("http://h/small").isIntegralNumber()).isTrue();
        assertThat(byUri.get("http://h/small").asLong()).isEqualTo(9007199254740991L);
        Map<String, JsonNode> connections = new HashMap<>();
        report.get("connections").forEach(c -> connections.put(c.get("connectionId").asText(), c));
        assertThat(connections).containsOnlyKeys("1152921504606846977", "9007199254740991");
        assertThat(connections.get("1152921504606846977").get("connectionId").isTextual()).isTrue();
    }
}
