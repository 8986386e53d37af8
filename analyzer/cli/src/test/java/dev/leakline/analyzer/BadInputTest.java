package dev.leakline.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.leakline.jfr.Actor;
import dev.leakline.jfr.Leakline;

/**
 * Every kind of bad input: one clear line, exit 2 when nothing could be read; a warning and partial results when
 * something could.
 */
class BadInputTest {
    @TempDir
    static Path shared;
    static Path first;
    static Path second;

    @TempDir
    Path dir;

    @BeforeAll
    static void record() throws Exception {
        // Chunk 1: a leak. Chunk 2 (another dump of the same JVM): a clean response.
        first = TestRecordings.record(shared, "first.jfr", () ->
                Leakline.responseOpened("c", 0, "GET", "http://h/leak", 200, "HTTP/1.1", 1));
        second = TestRecordings.record(shared, "second.jfr", () -> {
            var r = Leakline.responseOpened("c", 0, "GET", "http://h/ok", 200, "HTTP/1.1", 1);
            r.bodyDrained(Actor.APPLICATION);
            r.closed(Actor.APPLICATION);
        });
    }

    private static void assertBadInput(Cli.Result result, String message) {
        assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err().lines()).as(result.err()).hasSize(1);
        assertThat(result.err()).startsWith("leakline: ").contains(message).doesNotContain("\tat ");
    }

    @Test
    void missingFile() {
        assertBadInput(Cli.run("analyze", dir.resolve("nope.jfr")), "nope.jfr: no such file or directory");
    }

    @Test
    void emptyFile() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.jfr"));
        assertBadInput(Cli.run("analyze", empty), "the file is empty (0 bytes), not a JFR recording");
    }

    @Test
    void notAJfrFile() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.jfr"), "hello, this is not a recording\n");
        assertBadInput(Cli.run("analyze", text), "not a JFR recording (it does not start with the magic FLR\\0)");
    }

    @Test
    void directoryWithoutRecordings() throws IOException {
        Files.writeString(dir.resolve("readme.txt"), "nothing here");
        assertBadInput(Cli.run("analyze", dir), "the directory holds no JFR recordings");
    }

    @Test
    void directoryOfFilesThatAreNotRecordings() throws IOException {
        Files.writeString(dir.resolve("a.jfr"), "not a recording");
        Files.writeString(dir.resolve("b.jfr"), "nor this");
        Cli.Result result = Cli.run("analyze", dir);
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("none of its 2 files could be read as a JFR recording");
    }

    @Test
    void verboseAddsTheStackTrace() {
        Cli.Result result = Cli.run("analyze", "--verbose", dir.resolve("nope.jfr"));
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("no such file or directory").contains("\tat ");
    }

    @Test
    void truncatedSingleChunkIsUnreadable() throws IOException {
        byte[] bytes = Files.readAllBytes(first);
        Path half = Files.write(dir.resolve("half.jfr"), Arrays.copyOf(bytes, bytes.length / 2));

        assertBadInput(Cli.run("analyze", half), "no chunk could be read");
        assertThat(Cli.run("analyze", half).err()).contains("chunk 1 is truncated (the file ends after");
    }

    @Test
    void truncatedSecondChunkGivesAWarningAndTheFirstChunksResults() throws IOException {
        Path both = TestRecordings.concat(dir.resolve("both.jfr"), first, second);
        byte[] bytes = Files.readAllBytes(both);
        long firstLength = Files.size(first);
        Path cut = Files.write(dir.resolve("cut.jfr"),
                Arrays.copyOf(bytes, (int) (firstLength + (bytes.length - firstLength) / 2)));

        Cli.Result result = Cli.run("analyze", "--min-age", "0ms", cut);

        // The leak of chunk 1 may have been closed in the lost half of chunk 2: possibly leaked, exit 0.
        assertThat(result.exitCode()).as(result.err()).isEqualTo(0);
        assertThat(result.err()).contains("leakline: warning: " + cut + ": chunk 2 is truncated")
                .contains("the 1 chunk before it was read");
        assertThat(result.out()).contains("1 of 2 chunks read").contains("http://h/leak");
    }

    /**
     * A cut .jfr.gz is read like a cut .jfr: what decompresses is read, the chunk the cut falls in is reported
     * truncated, and the results of the chunks before it stand. Cut 300 bytes before the end, the deflate data of
     * chunk 2 is incomplete, far past chunk 1.
     */
    @Test
    void aCutGzipGivesWarningsAndTheFirstChunksResults() throws IOException {
        byte[] both = Files.readAllBytes(TestRecordings.concat(dir.resolve("both.jfr"), first, second));
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(gz)) {
            out.write(both);
        }
        Path cut = Files.write(dir.resolve("cut.jfr.gz"), Arrays.copyOf(gz.toByteArray(), gz.size() - 300));

        Cli.Result result = Cli.run("analyze", "--min-age", "0ms", cut);

        assertThat(result.exitCode()).as(result.err()).isEqualTo(0);
        assertThat(result.err()).contains("leakline: warning: " + cut + ": the gzip data ends early or is damaged after ")
                .contains("bytes (Unexpected end of ZLIB input stream); reading what was decompressed")
                .contains("leakline: warning: " + cut + ": chunk 2 is truncated (the file ends after ")
                .contains("the 1 chunk before it was read");
        assertThat(result.out()).contains("1 of 2 chunks read").contains("http://h/leak");
    }

    /** A cut gzip whose first chunk is incomplete: nothing to read, one line with both reasons, exit 2. */
    @Test
    void aGzipCutInsideItsFirstChunkIsUnreadable() throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(gz)) {
            out.write(Files.readAllBytes(first));
        }
        Path cut = Files.write(dir.resolve("half.jfr.gz"), Arrays.copyOf(gz.toByteArray(), gz.size() / 2));

        assertBadInput(Cli.run("analyze", cut), cut + ": chunk 1 is truncated (the file ends after ");
        assertThat(Cli.run("analyze", cut).err()).contains("; no chunk could be read (the gzip data ends early");
    }

    /**
     * A cut zip has no central directory, so java.util.zip.ZipFile refuses it whole; its entries are then read front
     * to back, and the cut recording inside is read like a cut .jfr.
     */
    @Test
    void aCutZipGivesWarningsAndTheFirstChunksResults() throws IOException {
        byte[] both = Files.readAllBytes(TestRecordings.concat(dir.resolve("both.jfr"), first, second));
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("README.txt"));
            out.write("not the recording".getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new ZipEntry("app.jfr"));
            out.write(both);
        }
        // 300 bytes: the central directory and end record (about 150 bytes here) and the end of the deflate data.
        Path cut = Files.write(dir.resolve("cut.zip"), Arrays.copyOf(zip.toByteArray(), zip.size() - 300));

        Cli.Result result = Cli.run("analyze", "--min-age", "0ms", cut);

        assertThat(result.exitCode()).as(result.err()).isEqualTo(0);
        assertThat(result.err()).contains("leakline: warning: " + cut + ": the zip data ends early or is damaged after ")
                .contains("leakline: warning: " + cut + ": chunk 2 is truncated (the file ends after ");
        assertThat(result.out()).contains("1 of 2 chunks read").contains("http://h/leak");
    }

    /** A zip cut only in its central directory still holds the whole recording: all of it is read, with a note. */
    @Test
    void aZipCutInItsCentralDirectoryIsReadWhole() throws IOException {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("app.jfr"));
            out.write(Files.readAllBytes(TestRecordings.concat(dir.resolve("both.jfr"), first, second)));
        }
        Path cut = Files.write(dir.resolve("cut.zip"), Arrays.copyOf(zip.toByteArray(), zip.size() - 10));

        Cli.Result result = Cli.run("analyze", "--min-age", "0ms", cut);

        assertThat(result.err()).contains("leakline: warning: " + cut + ": the zip archive has no central directory");
        assertThat(result.out()).contains("2 of 2 chunks read");
        assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
    }

    @Test
    void damagedChunkIsSkippedWithAWarningNamingIt() throws IOException {
        Path both = TestRecordings.concat(dir.resolve("both.jfr"), first, second);
        damageMetadata(both, Files.size(first));

        Cli.Result result = Cli.run("analyze", "--min-age", "0ms", both);

        // The leak of chunk 1 may have been closed in the lost chunk 2: possibly leaked, not a leak (exit 0).
        assertThat(result.exitCode()).as(result.err()).isEqualTo(0);
        assertThat(result.err()).contains("leakline: warning: " + both + ": chunk 2 is damaged (").contains("skipped");
        assertThat(result.out()).contains("1 of 2 chunks read")
                .contains("Warning: events may be missing (1 window)")
                .contains("Possibly leaked, events were lost: 1 response");
    }

    /**
     * A negative event size sends JMC's loader backwards (it can loop forever); the reader checks the framing first
     * and skips the chunk, naming it.
     */
    @Test
    void aChunkWithAnImpossibleEventSizeIsSkipped() throws IOException {
        Path both = TestRecordings.concat(dir.resolve("both.jfr"), first, second);
        long event = firstPlainEvent(Files.readAllBytes(second));
        try (RandomAccessFile raf = new RandomAccessFile(both.toFile(), "rw")) {
            raf.seek(Files.size(first) + event); // its size, now a varint of nine 0xFF bytes: -1
            raf.write(new byte[] {-1, -1, -1, -1, -1, -1, -1, -1, -1});
        }

        Cli.Result result = Cli.run("analyze", "--min-age", "0ms", both);

        assertThat(result.err()).contains("leakline: warning: " + both
                + ": chunk 2 is damaged (an event at byte " + event + " has an impossible size (-1)); skipped");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("1 of 2 chunks read");
    }

    @Test
    void aLeakFollowedByADamagedChunkIsUncertain() throws Exception {
        Path both = TestRecordings.concat(dir.resolve("both.jfr"), first, second);
        damageMetadata(both, Files.size(first));

        Cli.Result result = Cli.run("analyze", "--min-age", "0ms", "--format", "json", both);

        JsonNode report = new ObjectMapper().readTree(result.out());
        assertThat(report.at("/summary/uncertain").asLong()).isEqualTo(1);
        assertThat(report.at("/responses/0/uncertain").asBoolean()).isTrue();
        assertThat(report.at("/responses/0/verdict").asText()).isEqualTo("uncertain");
        assertThat(report.at("/summary/verdicts/leaked").asLong()).isZero();
        assertThat(report.at("/exitCode").asInt()).isZero();
        assertThat(report.at("/recording/dataLoss/0/reason").asText()).isEqualTo(both + " chunk 2 damaged");
        assertThat(report.at("/recording/chunks/1/outcome").asText()).isEqualTo("damaged");
    }

    @Test
    void aFileWhoseOnlyChunkIsDamagedIsUnreadable() throws IOException {
        Path copy = Files.copy(first, dir.resolve("damaged.jfr"));
        damageMetadata(copy, 0);

        Cli.Result result = Cli.run("analyze", copy);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("chunk 1 is damaged").contains("no chunk could be read");
    }

    @Test
    void oneBadFileAmongGoodOnesIsAWarning() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.jfr"), "not a recording");

        Cli.Result result = Cli.run("analyze", "--min-age", "0ms", text, first);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("warning: " + text + ": not a JFR recording");
        assertThat(result.out()).contains("http://h/leak");
    }

    @Test
    void badMinAgeNamesTheFix() {
        Cli.Result result = Cli.run("analyze", "--min-age", "5", first);
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("'5' is not a duration").contains("e.g. 500ms, 30s, 2m or 1h");
    }

    @Test
    void unknownFormatIsAUsageError() {
        Cli.Result result = Cli.run("analyze", "--format", "xml", first);
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--format").contains("text, json");
    }

    @Test
    void noArgumentsPrintsExamples() {
        Cli.Result result = Cli.run();
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("leakline analyze app.jfr").contains("Exit codes:");
    }

    @Test
    void helpShowsOptionsAndExamples() {
        Cli.Result result = Cli.run("analyze", "--help");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("--min-age").contains("--format").contains("--skip-frames")
                .contains("--ignore-thread").contains("Examples:");
    }

    /** Points the chunk's metadata offset (header offset 24) at its first event: the parser cannot read that. */
    /** The offset of the first event in a one-chunk file that is neither metadata (0) nor a constant pool (1). */
    private static long firstPlainEvent(byte[] chunk) {
        int index = 68;
        while (true) {
            int[] at = {index};
            long size = varint(chunk, at);
            if (varint(chunk, at) > 1) {
                return index;
            }
            index += (int) size;
        }
    }

    private static long varint(byte[] bytes, int[] at) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            byte b = bytes[at[0]++];
            value += (b & 0x7FL) << (7 * i);
            if (b >= 0) {
                return value;
            }
        }
        return value + ((bytes[at[0]++] & 0xFFL) << 56);
    }

    private static void damageMetadata(Path file, long chunkStart) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(chunkStart + 24);
            raf.writeLong(68);
        }
    }
}
