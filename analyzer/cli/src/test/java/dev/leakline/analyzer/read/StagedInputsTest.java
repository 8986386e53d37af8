package dev.leakline.analyzer.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.leakline.analyzer.TestRecordings;
import dev.leakline.jfr.Actor;
import dev.leakline.jfr.Leakline;

/**
 * Inputs made ready before any is read ({@link RecordingReader#stage}), so that {@code timeline} and {@code report}
 * know the recording's span up front, and chart while reading, for compressed files, pipes and directories too: the
 * span is that of the plain recording, and what the reader then tells is exactly what it tells without staging, its
 * temporary copies deleted once read.
 */
class StagedInputsTest {
    @TempDir
    static Path dir;
    static Path plain;
    static byte[] gzipped;

    @BeforeAll
    static void record() throws Exception {
        // Chunk 1: a leak; chunk 2, written later: a clean response.
        Path leak = TestRecordings.record(dir, "leak.jfr", () ->
                Leakline.responseOpened("c", 0, "GET", "http://h/leak", 200, "HTTP/1.1", 1));
        Thread.sleep(20);
        Path clean = TestRecordings.record(dir, "clean.jfr", () -> {
            var r = Leakline.responseOpened("c", 0, "GET", "http://h/ok", 200, "HTTP/1.1", 1);
            r.bodyDrained(Actor.APPLICATION);
            r.closed(Actor.APPLICATION);
        });
        plain = TestRecordings.concat(dir.resolve("both.jfr"), leak, clean);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            Files.copy(plain, out);
        }
        gzipped = bytes.toByteArray();
    }

    @Test
    void aGzipFileHasThePlainRecordingsSpanAndReadsTheSame() throws Exception {
        Path gz = Files.write(dir.resolve("app.jfr.gz"), gzipped);
        assertStagedReadsTheSame(gz, gz);
    }

    @Test
    void aZipFileHasThePlainRecordingsSpanAndReadsTheSame() throws Exception {
        Path zip = dir.resolve("app.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("app.jfr"));
            Files.copy(plain, out);
            out.closeEntry();
        }
        assertStagedReadsTheSame(zip, zip);
    }

    @Test
    void aDirectoryOfCompressedChunksHasTheirSpanAndReadsTheSame() throws Exception {
        Path repository = Files.createDirectories(dir.resolve("repository"));
        Files.write(repository.resolve("2026_12_06_00_00_00.jfr.gz"), gzipped);
        Files.copy(dir.resolve("leak.jfr"), repository.resolve("2026_12_06_00_00_01.jfr"));
        assertStagedReadsTheSame(repository, repository.resolve("2026_12_06_00_00_00.jfr.gz"));
    }

    @Test
    void aCutGzipKeepsWhatDecompressedAndItsWarning() throws Exception {
        Path cut = Files.write(dir.resolve("cut.jfr.gz"), Arrays.copyOf(gzipped, gzipped.length * 3 / 4));
        JmcRecordingReader staging = new JmcRecordingReader();
        staging.stage(List.of(cut));
        ReaderCalls staged = ReaderCalls.of(staging, cut);

        assertThat(staged).isEqualTo(ReaderCalls.of(new JmcRecordingReader(), cut));
        assertThat(staged.calls()).filteredOn(String.class::isInstance)
                .anySatisfy(w -> assertThat((String) w).contains("the gzip data ends early"));
    }

    @Test
    void standardInputIsReadOnceWhenStaged() throws Exception {
        Path stdin = Path.of("-");
        ReaderCalls expected = withStandardInput(gzipped, () -> ReaderCalls.of(new JmcRecordingReader(), stdin));
        JmcRecordingReader staging = new JmcRecordingReader();

        RecordingSpan span = withStandardInput(gzipped, () -> staging.stage(List.of(stdin)));
        // Read with nothing left on standard input: what was staged is what is read.
        ReaderCalls staged = withStandardInput(new byte[0], () -> ReaderCalls.of(staging, stdin));

        assertThat(span).isEqualTo(RecordingSpan.of(List.of(plain)));
        assertThat(staged).isEqualTo(expected);
        assertThat(staged.calls()).filteredOn(String.class::isInstance).isEmpty();
    }

    @Test
    void aStreamThatCannotBeStagedFailsTheSameWhenRead() throws Exception {
        Path stdin = Path.of("-");
        ReaderCalls expected = withStandardInput(new byte[0], () -> ReaderCalls.of(new JmcRecordingReader(), stdin));
        JmcRecordingReader staging = new JmcRecordingReader();

        RecordingSpan span = withStandardInput(new byte[0], () -> staging.stage(List.of(stdin)));
        ReaderCalls staged = withStandardInput(gzipped, () -> ReaderCalls.of(staging, stdin));

        assertThat(span).isNull();
        assertThat(staged).isEqualTo(expected);
        assertThat(staged.calls()).singleElement().asString().startsWith("bad input: standard input: ");
    }

    @Test
    void inputsThatAreNotRecordingsAreLeftOutOfTheSpan() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "not a recording");
        Path gz = Files.write(dir.resolve("mixed.jfr.gz"), gzipped);

        RecordingSpan span = new JmcRecordingReader().stage(List.of(text, dir.resolve("missing.jfr"), gz));

        assertThat(span).isEqualTo(RecordingSpan.of(List.of(plain)));
        assertThat(new JmcRecordingReader().stage(List.of(text))).isNull();
    }

    @Test
    void aFileThatCannotBeMadeReadyLeavesTheSpanUnknown() throws Exception {
        // A zip archive holding only a directory: making it plain fails now. A failure of that kind might not happen when its turn
        // comes (a full disk, with every copy made at once, might have room for one), so no span is claimed; the
        // reader still reports it then, as without staging.
        Path zip = dir.resolve("only-a-directory.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("recordings/"));
            out.closeEntry();
        }
        Path gz = Files.write(dir.resolve("beside.jfr.gz"), gzipped);
        JmcRecordingReader staging = new JmcRecordingReader();

        assertThat(staging.stage(List.of(gz, zip))).isNull();
        assertThat(ReaderCalls.of(staging, zip)).isEqualTo(ReaderCalls.of(new JmcRecordingReader(), zip));
        assertThat(ReaderCalls.of(staging, gz)).isEqualTo(ReaderCalls.of(new JmcRecordingReader(), gz));
        assertThat(staging.stagedCopies()).isEmpty();
    }

    /**
     * Stages {@code input} and reads {@code compressed} (the input itself, or the compressed file in it), then checks
     * the span, that the reading equals a fresh reader's, and that the staged copy is deleted once read.
     */
    private static void assertStagedReadsTheSame(Path input, Path compressed) throws Exception {
        JmcRecordingReader staging = new JmcRecordingReader();
        RecordingSpan span = staging.stage(List.of(input));
        List<Path> copies = new ArrayList<>();
        staging.stagedCopies().forEach(copies::add);
        assertThat(copies).as("the decompressed copy, made now").singleElement()
                .satisfies(copy -> assertThat(Files.exists(copy)).isTrue());

        ReaderCalls staged = ReaderCalls.of(staging, input);

        assertThat(span).isEqualTo(RecordingSpan.of(List.of(plain, dir.resolve("leak.jfr"))));
        assertThat(staged).isEqualTo(ReaderCalls.of(new JmcRecordingReader(), input));
        assertThat(staged.calls()).filteredOn(dev.leakline.engine.event.ChunkFacts.class::isInstance)
                .anySatisfy(c -> assertThat(((dev.leakline.engine.event.ChunkFacts) c).source())
                        .isEqualTo(compressed.toString()));
        assertThat(copies.get(0)).as("deleted once read").doesNotExist();
        assertThat(staging.stagedCopies()).isEmpty();
    }

    @FunctionalInterface
    private interface Body<T> {
        T run() throws Exception;
    }

    private static <T> T withStandardInput(byte[] bytes, Body<T> body) throws Exception {
        InputStream original = System.in;
        try {
            System.setIn(new ByteArrayInputStream(bytes));
            return body.run();
        } finally {
            System.setIn(original);
        }
    }
}
