package dev.leakline.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.leakline.analyzer.read.RecordingSpan;
import dev.leakline.engine.timeline.Timeline;
import dev.leakline.engine.timeline.TimelineAccumulator;

/**
 * {@code timeline} and {@code report} chart while reading (clean responses folded as they settle, memory bounded by
 * the unfinished ones) whenever a chunk header can be read up front: for a compressed file too, made plain first.
 */
class RecordingOptionsTest {
    private static final Path SERVICE = Path.of(System.getProperty("leakline.repoRoot", "../.."))
            .resolve("recordings/jdk17/java-net-http/service.jfr").normalize();

    @Test
    void aCompressedRecordingIsChartedWhileReadingOverThePlainRecordingsSpan(@TempDir Path dir) throws Exception {
        Path gz = dir.resolve("service.jfr.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(SERVICE, out);
        }
        RecordingOptions options = new RecordingOptions();
        options.files = List.of(gz);

        TimelineAccumulator accumulator = options.timelineAccumulator(40);

        RecordingSpan span = RecordingSpan.of(List.of(SERVICE));
        assertThat(accumulator).isNotNull();
        Timeline charted = accumulator.finish(List.of(), List.of(), false);
        assertThat(charted.start()).isEqualTo(Instant.ofEpochSecond(0, span.startNanos()));
        assertThat(charted.end()).isEqualTo(Instant.ofEpochSecond(0, span.endNanos()));
        assertThat(charted.buckets()).isEqualTo(40);
    }

    @Test
    void noReadableChunkHeaderMeansNoAccumulator(@TempDir Path dir) throws Exception {
        RecordingOptions options = new RecordingOptions();
        options.files = List.of(Files.writeString(dir.resolve("notes.txt"), "not a recording"));

        assertThat(options.timelineAccumulator(40)).isNull();
    }
}
