package dev.leakline.jmc.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openjdk.jmc.flightrecorder.JfrLoaderToolkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.leakline.engine.event.ChunkFacts;
import dev.leakline.engine.event.RecordedEvent;
import dev.leakline.engine.event.RecordingListener;

/**
 * The adapter from JMC's loaded items to the engine's records, on a committed recording of several chunks (the
 * scenario forced chunks out with maxage, so the recording holds closes whose opens are gone).
 */
class ItemsReaderTest {
    private static final Path DIR = Path.of(System.getProperty("leakline.repoRoot", "../.."))
            .resolve("recordings/jdk17/java-net-http").normalize();

    @Test
    void rebuildsChunksWithTheirRunAndDeliversEachChunksEventsBeforeItsFacts() throws Exception {
        JsonNode truth = new ObjectMapper().readTree(DIR.resolve("lost-chunks.truth.json").toFile());
        long opensInRecording = 0;
        long orphans = 0;
        for (JsonNode response : truth.get("responses")) {
            if ("orphan".equals(response.get("expected").asText())) {
                orphans++;
            } else {
                opensInRecording++;
            }
        }
        List<ChunkFacts> chunks = new ArrayList<>();
        List<Integer> opensPerChunk = new ArrayList<>();
        List<RecordedEvent> leakline = new ArrayList<>();
        int[] pending = {0};
        RecordingListener listener = new RecordingListener() {
            @Override
            public void onEvent(RecordedEvent event) {
                if (event instanceof RecordedEvent.ResponseOpened || event instanceof RecordedEvent.ResponseClosed
                        || event instanceof RecordedEvent.ResponseDrained
                        || event instanceof RecordedEvent.ConnectionReleased) {
                    leakline.add(event);
                }
                if (event instanceof RecordedEvent.ResponseOpened) {
                    pending[0]++;
                }
            }

            @Override
            public void onChunk(ChunkFacts chunk) {
                chunks.add(chunk);
                opensPerChunk.add(pending[0]);
                pending[0] = 0;
            }

            @Override
            public void onWarning(String message) {
                throw new AssertionError("unexpected warning: " + message);
            }
        };

        ItemsReader.read(JfrLoaderToolkit.loadEvents(DIR.resolve("lost-chunks.jfr").toFile()), listener);

        assertThat(chunks).hasSizeGreaterThan(1);
        for (int i = 0; i < chunks.size(); i++) {
            ChunkFacts chunk = chunks.get(i);
            assertThat(chunk.index()).isEqualTo(i + 1);
            assertThat(chunk.wasRead()).isTrue();
            assertThat(chunk.endNanos()).isGreaterThanOrEqualTo(chunk.startNanos());
            if (i > 0) {
                assertThat(chunk.startNanos()).isGreaterThanOrEqualTo(chunks.get(i - 1).startNanos());
            }
            // One JVM wrote every chunk, and each chunk tells which.
            assertThat(chunk.run()).isEqualTo(chunks.get(0).run());
            assertThat(chunk.jvm().javaVersion()).startsWith(truth.get("java").asText());
        }
        assertThat(chunks.get(0).run().pid()).isPositive();
        assertThat(opensPerChunk.stream().mapToLong(Integer::longValue).sum()).isEqualTo(opensInRecording);
        assertThat(leakline).allSatisfy(e -> assertThat(e.run()).isEqualTo(chunks.get(0).run()));
        // The orphans' closes are there without their opens, each response id once among the closes.
        long closes = leakline.stream().filter(e -> e instanceof RecordedEvent.ResponseClosed).count();
        assertThat(closes).isGreaterThanOrEqualTo(orphans);
    }
}
