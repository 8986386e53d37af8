package dev.leakline.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.jpountz.lz4.LZ4FrameOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.leakline.jfr.Actor;
import dev.leakline.jfr.Leakline;
import dev.leakline.jfr.TrackedResponse;

/** Compressed inputs, directories, several files of one run, and the JSON report's shape. */
class InputsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path opens;
    static Path closes;

    @BeforeAll
    static void record() throws Exception {
        TrackedResponse[] open = new TrackedResponse[2];
        // The opens go to one file, the drain and close of one of them to the next: pairing must span files.
        opens = TestRecordings.record(dir, "1-opens.jfr", () -> {
            open[0] = Leakline.responseOpened("c", 0, "GET", "http://h/a", 200, "HTTP/1.1", 1);
            open[1] = Leakline.responseOpened("c", 0, "GET", "http://h/b", 200, "HTTP/1.1", 1);
        });
        closes = TestRecordings.record(dir, "2-closes.jfr", () -> {
            open[1].bodyDrained(Actor.APPLICATION);
            open[1].closed(Actor.APPLICATION);
        });
    }

    private static JsonNode analyze(Object... inputs) throws Exception {
        Object[] args = new Object[inputs.length + 5];
        args[0] = "analyze";
        args[1] = "--format";
        args[2] = "json";
        args[3] = "--min-age";
        args[4] = "1h";
        System.arraycopy(inputs, 0, args, 5, inputs.length);
        Cli.Result result = Cli.run(args);
        assertThat(result.exitCode()).as(result.err()).isZero();
        return JSON.readTree(result.out());
    }

    @Test
    void filesOfOneRunPairAcrossFiles() throws Exception {
        JsonNode report = analyze(opens, closes);

        assertThat(report.at("/summary/verdicts/in_flight").asLong()).isEqualTo(1);
        assertThat(report.at("/summary/verdicts/clean").asLong()).isEqualTo(1);
        assertThat(report.at("/summary/orphans").asLong()).isZero();
        assertThat(report.at("/recording/runs")).hasSize(1);
    }

    @Test
    void aChunkGivenTwiceCountsOnce() throws Exception {
        Cli.Result result = Cli.run("analyze", "--format", "json", "--min-age", "1h", opens, closes, closes);

        assertThat(result.err()).contains(closes + ": chunk 1 was already read from another input; skipped");
        JsonNode report = JSON.readTree(result.out());
        assertThat(report.at("/summary/verdicts/clean").asLong()).isEqualTo(1);
        assertThat(report.at("/summary/orphans").asLong()).isZero();
    }

    @Test
    void theClosesAloneAreOrphans() throws Exception {
        JsonNode report = analyze(closes);

        assertThat(report.at("/summary/responses").asLong()).isZero();
        assertThat(report.at("/summary/orphans").asLong()).isEqualTo(1);
        assertThat(report.at("/orphans/0/kind").asText()).isEqualTo("drained+closed");
    }

    @Test
    void aDirectoryIsReadInNameOrder() throws Exception {
        Path repository = Files.createDirectories(dir.resolve("repository"));
        Files.copy(opens, repository.resolve("2026_11_23_04_00_00.jfr"));
        Files.copy(closes, repository.resolve("2026_11_23_04_00_01.jfr"));
        Files.writeString(repository.resolve("notes.txt"), "ignored");

        JsonNode report = analyze(repository);

        assertThat(report.at("/summary/verdicts/clean").asLong()).isEqualTo(1);
        assertThat(report.at("/summary/verdicts/in_flight").asLong()).isEqualTo(1);
        assertThat(report.at("/recording/chunks")).hasSize(2);
    }

    @Test
    void gzipZipAndLz4GiveTheSameVerdicts() throws Exception {
        Path both = TestRecordings.concat(dir.resolve("both.jfr"), opens, closes);
        Path gz = dir.resolve("both.jfr.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(both, out);
        }
        Path zip = dir.resolve("both.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("README.txt"));
            out.write("not the recording".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.putNextEntry(new ZipEntry("both.jfr"));
            Files.copy(both, out);
        }
        Path lz4 = dir.resolve("both.jfr.lz4");
        try (OutputStream out = new LZ4FrameOutputStream(Files.newOutputStream(lz4))) {
            Files.copy(both, out);
        }

        JsonNode plain = analyze(both).get("summary");
        assertThat(plain.at("/verdicts/clean").asLong()).isEqualTo(1);
        assertThat(analyze(gz).get("summary")).isEqualTo(plain);
        assertThat(analyze(zip).get("summary")).isEqualTo(plain);
        assertThat(analyze(lz4).get("summary")).isEqualTo(plain);
    }

    @Test
    void jsonReportHasTheDocumentedShape() throws Exception {
        JsonNode report = analyze(opens, closes);

        assertThat(report.get("schema").asInt()).isEqualTo(2);
        assertThat(report.fieldNames()).toIterable().containsExactly("schema", "tool", "exitCode", "options", "inputs",
                "summary", "findings", "sites", "listed", "responses", "orphans", "connections", "threads",
                "recording", "warnings");
        assertThat(report.at("/options/minAgeMillis").asLong()).isEqualTo(3_600_000);
        assertThat(report.at("/summary/verdicts").fieldNames()).toIterable().containsExactly("leaked", "uncertain",
                "in_flight", "closed_unread", "drained_not_closed", "clean", "recovered");
        JsonNode response = report.at("/responses/0");
        assertThat(response.get("verdict").asText()).isEqualTo("in_flight");
        assertThat(response.get("uri").asText()).isEqualTo("http://h/a");
        assertThat(response.get("site").asText()).startsWith("dev.leakline.analyzer.InputsTest.lambda$record$");
        assertThat(response.at("/run/pid").asLong()).isEqualTo(ProcessHandle.current().pid());
        assertThat(response.get("openedAt").asText()).endsWith("Z");
        assertThat(response.get("closedAt").isNull()).isTrue();
        assertThat(report.at("/recording/chunks/0/outcome").asText()).isEqualTo("read");
    }

    /** docs/leakline-report.schema.json lists exactly the fields the report writes, at every level checked. */
    @Test
    void jsonSchemaFileMatchesTheReport() throws Exception {
        JsonNode schema = JSON.readTree(Path.of(System.getProperty("leakline.repoRoot", "../.."))
                .resolve("docs/leakline-report.schema.json").toFile());
        JsonNode report = analyze(opens, closes);

        assertThat(names(report)).isEqualTo(required(schema));
        assertThat(schema.at("/properties/schema/const").asInt()).as("the version the schema file describes")
                .isEqualTo(2);
        assertThat(names(report.get("summary"))).isEqualTo(required(schema.at("/properties/summary")));
        assertThat(names(report.get("listed"))).isEqualTo(required(schema.at("/properties/listed")));
        assertThat(names(report.at("/responses/0"))).isEqualTo(required(schema.at("/properties/responses/items")));
        assertThat(names(report.at("/sites/0"))).isEqualTo(required(schema.at("/properties/sites/items")));
        assertThat(names(report.get("threads"))).isEqualTo(required(schema.at("/properties/threads")));
        assertThat(names(report.get("recording"))).isEqualTo(required(schema.at("/properties/recording")));
        assertThat(names(report.at("/recording/chunks/0")))
                .isEqualTo(required(schema.at("/properties/recording/properties/chunks/items")));
        assertThat(names(report.at("/recording/runs/0")))
                .isEqualTo(required(schema.at("/properties/recording/properties/runs/items")));
    }

    private static java.util.List<String> names(JsonNode node) {
        java.util.List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static java.util.List<String> required(JsonNode schema) {
        java.util.List<String> names = new java.util.ArrayList<>();
        schema.get("required").forEach(n -> names.add(n.asText()));
        return names;
    }
}
