package dev.leakline.analyzer.read;

import dev.leakline.engine.event.RecordedEvent;
import dev.leakline.engine.event.ChunkFacts;
import dev.leakline.engine.event.RecordingListener;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.leakline.analyzer.TestRecordings;

/**
 * The reader reports how far it got in each file (what the progress bar draws): from 0 to the file's size, never
 * backwards, once per chunk boundary.
 */
class ReadProgressTest {
    private record Call(String source, long done, long total) {
    }

    @Test
    void progressRunsFromZeroToTheFileSizeChunkByChunk(@TempDir Path dir) throws Exception {
        Path one = TestRecordings.record(dir, "one.jfr", () -> TestRecordings.pause(java.time.Duration.ofMillis(10)));
        Path two = TestRecordings.record(dir, "two.jfr", () -> TestRecordings.pause(java.time.Duration.ofMillis(10)));
        Path both = TestRecordings.concat(dir.resolve("both.jfr"), one, two);
        List<Call> calls = new ArrayList<>();
        RecordingReader.jmc().read(both, new RecordingListener() {
            @Override
            public void onEvent(RecordedEvent event) {
            }

            @Override
            public void onChunk(ChunkFacts chunk) {
            }

            @Override
            public void onWarning(String message) {
            }

            @Override
            public void onProgress(String source, long bytesDone, long bytesTotal) {
                calls.add(new Call(source, bytesDone, bytesTotal));
            }
        });
        long size = Files.size(both);
        assertThat(calls).extracting(Call::source).containsOnly(both.toString());
        assertThat(calls).extracting(Call::total).containsOnly(size);
        // Start, the boundary between the two recordings' chunks, the end.
        assertThat(calls).extracting(Call::done).containsExactly(0L, Files.size(one), size);
    }
}
