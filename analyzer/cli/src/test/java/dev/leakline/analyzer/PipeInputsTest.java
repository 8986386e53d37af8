package dev.leakline.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.leakline.jfr.Actor;
import dev.leakline.jfr.Leakline;

/**
 * Recordings that arrive through a pipe: a FIFO (what {@code <(zcat app.jfr.gz)} gives the command, as
 * /dev/fd/N), and standard input ({@code -}). Both are read once, front to back, into a temporary file that is
 * deleted afterwards.
 */
class PipeInputsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path both;

    @BeforeAll
    static void record() throws Exception {
        // Chunk 1: a leak; chunk 2: a clean response.
        Path leak = TestRecordings.record(dir, "leak.jfr", () ->
                Leakline.responseOpened("c", 0, "GET", "http://h/leak", 200, "HTTP/1.1", 1));
        Path clean = TestRecordings.record(dir, "clean.jfr", () -> {
            var r = Leakline.responseOpened("c", 0, "GET", "http://h/ok", 200, "HTTP/1.1", 1);
            r.bodyDrained(Actor.APPLICATION);
            r.closed(Actor.APPLICATION);
        });
        both = TestRecordings.concat(dir.resolve("both.jfr"), leak, clean);
    }

    @Test
    void aFifoIsReadAsAStreamAndDecompressed() throws Exception {
        Path fifo = dir.resolve("app.jfr.gz.fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(mkfifo.exitValue()).isZero();
        AtomicReference<Exception> writeFailure = new AtomicReference<>();
        // Opening a FIFO for writing blocks until the command opens it for reading.
        Thread writer = new Thread(() -> {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(fifo))) {
                Files.copy(both, out);
            } catch (IOException e) {
                writeFailure.set(e);
            }
        }, "fifo-writer");
        writer.setDaemon(true);
        writer.start();

        Cli.Result result = Cli.run("analyze", "--format", "json", "--min-age", "0ms", fifo);

        writer.join(30_000);
        assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
        assertThat(writeFailure.get()).isNull();
        JsonNode report = JSON.readTree(result.out());
        assertThat(report.at("/summary/verdicts/leaked").asLong()).isEqualTo(1);
        assertThat(report.at("/summary/responses").asLong()).isEqualTo(2);
        assertThat(report.at("/recording/chunks")).hasSize(2);
        assertThat(report.at("/recording/chunks/0/source").asText()).isEqualTo(fifo.toString());
    }

    /**
     * The case from the field, {@code leakline analyze <(zcat app.jfr.gz)}, in bash with the real entry point: the
     * command gets {@code /dev/fd/63}, a pipe. The child has a temporary directory of its own, so the test can see
     * that the copy of the stream is deleted (the machine's /tmp is shared with other runs).
     */
    @Test
    void aProcessSubstitutionIsRead() throws Exception {
        Path gz = dir.resolve("both.jfr.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(both, out);
        }
        Path out = dir.resolve("substitution.out");
        Path err = dir.resolve("substitution.err");
        Path tmp = Files.createDirectories(dir.resolve("child-tmp"));
        ProcessBuilder bash = new ProcessBuilder("bash", "-c", "exec \"$@\" <(zcat \"$RECORDING\")", "leakline",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:-UsePerfData",
                "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"),
                "dev.leakline.analyzer.cli.Main", "analyze", "--format", "json", "--min-age", "0ms");
        bash.environment().put("RECORDING", gz.toString());
        Process process = bash.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("leakline did not end within 120 s");
        }

        assertThat(process.exitValue()).as(Files.readString(err)).isEqualTo(1);
        JsonNode report = JSON.readTree(out.toFile());
        assertThat(report.at("/inputs/0").asText()).startsWith("/dev/fd/");
        assertThat(report.at("/summary/verdicts/leaked").asLong()).isEqualTo(1);
        assertThat(report.at("/summary/responses").asLong()).isEqualTo(2);
        assertThat(files(tmp)).as("the copy of the stream is deleted").isEmpty();
    }

    @Test
    void aDashReadsStandardInput() throws Exception {
        InputStream original = System.in;
        Cli.Result result;
        try {
            System.setIn(new ByteArrayInputStream(Files.readAllBytes(both)));
            result = Cli.run("analyze", "--min-age", "0ms", "-");
        } finally {
            System.setIn(original);
        }

        assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
        assertThat(result.out()).contains("http://h/leak").contains("2 of 2 chunks read");
    }

    @Test
    void anEmptyStandardInputIsBadInput() {
        InputStream original = System.in;
        Cli.Result result;
        try {
            System.setIn(new ByteArrayInputStream(new byte[0]));
            result = Cli.run("analyze", "-");
        } finally {
            System.setIn(original);
        }

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("leakline: standard input: the stream is empty (0 bytes), not a JFR "
                + "recording" + System.lineSeparator());
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }
}
