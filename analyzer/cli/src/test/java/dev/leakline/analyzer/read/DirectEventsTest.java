package dev.leakline.analyzer.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import dev.leakline.analyzer.TestRecordings;
import dev.leakline.engine.event.ChunkFacts;
import dev.leakline.engine.event.JvmRun;
import dev.leakline.engine.event.RecordedEvent;
import dev.leakline.engine.event.RecordingListener;

/**
 * Decoding Leakline's events from the chunk's bytes ({@link DirectEvents}) and parsing the next chunk while one is
 * parsed ({@link ParseAhead}) must change nothing the analyzer is told: every bundled recording, and all of them in
 * one file (chunks of many JVMs, with and without their JVM's identity), gives the very same calls, in the same order,
 * with the same run objects, as JMC decoding every event one chunk at a time. (Damaged input, with both on as they are
 * by default, is the corruption suite's and the fuzz test's.)
 */
class DirectEventsTest {
    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> everyBundledRecordingReadsTheSameDecodedHere() throws IOException {
        Path root = TestRecordings.bundledRoot();
        return TestRecordings.bundled(40).stream().map(jfr -> DynamicTest.dynamicTest(root.relativize(jfr).toString(),
                () -> {
                    JmcRecordingReader decoding = new JmcRecordingReader(true, true, false);
                    Calls decoded = Calls.of(decoding, jfr);
                    Calls byJmc = Calls.of(new JmcRecordingReader(true, false, false), jfr);
                    assertThat(decoded.calls).isEqualTo(byJmc.calls);
                    assertThat(decoded.runs).isEqualTo(byJmc.runs);
                    // Every bundled recording holds Leakline events: they were decoded here, not by JMC.
                    assertThat(decoding.decodedEvents()).as("events decoded here").isPositive();
                }));
    }

    @Test
    void allBundledRecordingsInOneFileReadTheSameDecodedHereAndParsedAhead() throws Exception {
        List<Path> recordings = TestRecordings.bundled(40);
        Path all = TestRecordings.concat(dir.resolve("all.jfr"), recordings.toArray(Path[]::new));

        JmcRecordingReader fast = new JmcRecordingReader(true, true, true);
        Calls read = Calls.of(fast, all);
        Calls alone = Calls.of(new JmcRecordingReader(false, false, false), all);

        assertThat(read.calls).hasSameSizeAs(alone.calls);
        assertThat(read.calls).isEqualTo(alone.calls);
        assertThat(read.runs).isEqualTo(alone.runs);
        // More than one JVM, so that the runs' identities were decided across chunks parsed at once.
        assertThat(alone.runs.stream().distinct().count()).isGreaterThan(1);
        long chunks = alone.calls.stream().filter(ChunkFacts.class::isInstance).count();
        assertThat(chunks).isGreaterThan(recordings.size());
        assertThat(fast.chunksParsedAhead()).as("chunks parsed ahead").isEqualTo((int) chunks - 1);
        assertThat(fast.decodedEvents()).isPositive();
    }

    /** What a reader told its listener, and which run object each record named (by order of first appearance). */
    private record Calls(List<Object> calls, List<Integer> runs) {
        static Calls of(JmcRecordingReader reader, Path file) {
            List<Object> calls = new ArrayList<>();
            List<Integer> runs = new ArrayList<>();
            Map<JvmRun, Integer> seen = new IdentityHashMap<>();
            try {
                reader.read(file, new RecordingListener() {
                    @Override
                    public void onEvent(RecordedEvent event) {
                        calls.add(event);
                        runs.add(seen.computeIfAbsent(event.run(), r -> seen.size()));
                    }

                    @Override
                    public void onChunk(ChunkFacts chunk) {
                        calls.add(chunk);
                    }

                    @Override
                    public void onWarning(String message) {
                        calls.add(message);
                    }
                });
            } catch (BadInputException e) {
                calls.add("bad input: " + e.getMessage());
            }
            return new Calls(calls, runs);
        }
    }
}
