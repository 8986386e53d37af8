package dev.leakline.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code leakline timeline} through the real command line on the java.net.http service recording. */
class TimelineCommandTest {
    static Path service;
    static long truthLeaked;

    @BeforeAll
    static void service() throws Exception {
        Path dir = Path.of(System.getProperty("leakline.repoRoot", "../..")).resolve("recordings/jdk17/java-net-http")
                .normalize();
        service = dir.resolve("service.jfr");
        JsonNode truth = new ObjectMapper().readTree(dir.resolve("service.truth.json").toFile());
        for (JsonNode r : truth.path("responses")) {
            if (r.path("expected").asText().equals("leaked")) {
                truthLeaked++;
            }
        }
    }

    @Test
    void asciiTimelineFitsEightyColumnsWithoutEscapesAndExitsOneForLeaks() {
        Cli.Result result = Cli.run("timeline", "--ascii", service);
        assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
        List<String> lines = result.out().lines().toList();
        assertThat(lines).hasSizeGreaterThan(10);
        assertThat(lines).allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(80));
        assertThat(result.out()).doesNotContain("\u001b").matches("\\A[\\x0a\\x20-\\x7e]*\\z");
        assertThat(result.out()).startsWith("leakline timeline  ").contains("java.net.http 127.0.0.1:")
                .contains("leaked " + truthLeaked).contains("threads alive").contains("HttpClient-#-Worker-#");
    }

    /**
     * A compressed file, standard input and a directory print exactly what the plain file prints. (That they are
     * charted while reading, with clean responses folded, is {@code RecordingOptionsTest}'s: the output is the same
     * either way, which is what this checks, staging included.)
     */
    @Test
    void aCompressedFileStandardInputAndADirectoryChartTheSameAsThePlainFile(@TempDir Path dir) throws Exception {
        Cli.Result plain = Cli.run("timeline", "--ascii", service);
        Path gz = dir.resolve("service.jfr.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(service, out);
        }
        Path repository = Files.createDirectories(dir.resolve("repository"));
        Files.copy(gz, repository.resolve("2026_12_06_00_00_00.jfr.gz"));

        Cli.Result fromGzip = Cli.run("timeline", "--ascii", gz);
        Cli.Result fromDirectory = Cli.run("timeline", "--ascii", repository);
        Cli.Result fromStdin;
        java.io.InputStream original = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream(Files.readAllBytes(gz)));
            fromStdin = Cli.run("timeline", "--ascii", "-");
        } finally {
            System.setIn(original);
        }

        assertThat(plain.exitCode()).isEqualTo(1);
        for (Cli.Result other : List.of(fromGzip, fromDirectory, fromStdin)) {
            assertThat(other.exitCode()).as(other.err()).isEqualTo(1);
            assertThat(other.out()).isEqualTo(plain.out());
        }
    }

    @Test
    void unicodeByDefaultAndWidthIsHonoured() {
        Cli.Result result = Cli.run("timeline", "--width", "120", "--buckets", "50", service);
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("│").containsPattern("[▁▂▃▄▅▆▇█]").doesNotContain("\u001b");
        assertThat(result.out().lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(120));
    }

    @Test
    void badWidthOrBucketsIsAUsageError() {
        Cli.Result narrow = Cli.run("timeline", "--width", "20", service);
        assertThat(narrow.exitCode()).isEqualTo(2);
        assertThat(narrow.err()).contains("--width must be at least 40");
        Cli.Result buckets = Cli.run("timeline", "--buckets", "0", service);
        assertThat(buckets.exitCode()).isEqualTo(2);
        assertThat(buckets.err()).contains("--buckets must be at least 1");
    }

    @Test
    void unreadableInputIsBadInput(@TempDir Path dir) throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.jfr"), "not a recording");
        Cli.Result result = Cli.run("timeline", junk);
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("not a JFR recording");
        assertThat(result.out()).isEmpty();
    }

    /**
     * Thread and pool names reach the terminal as the text report shows them: control characters and bidi overrides
     * escaped ({@code \\e}, {@code \\u202e}), so a name cannot rewrite the screen or reorder what is shown.
     */
    @Test
    void controlAndBidiCharactersInNamesAreEscapedAsInTheTextReport(@TempDir Path dir) throws Exception {
        String name = "evil\u202e\u001b[2Jthread";
        java.util.concurrent.CountDownLatch end = new java.util.concurrent.CountDownLatch(1);
        Thread alive = new Thread(() -> {
            try {
                end.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
        Path recording = TestRecordings.record(dir, "names.jfr", () -> {
            alive.start();
            dev.leakline.jfr.Leakline.responseOpened("c", "pool\u202e\u0007", 0, "GET", "http://h/x", 200, "HTTP/1.1", 1);
        });
        end.countDown();
        alive.join();

        Cli.Result result = Cli.run("timeline", "--min-age", "1h", recording);

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).doesNotContain("\u202e").doesNotContain("\u001b").doesNotContain("\u0007")
                // Thread names are shown with digits folded to #.
                .contains("evil\\u202e\\e[#Jthread").contains("pool pool\\u202e\\u0007");
    }
}
