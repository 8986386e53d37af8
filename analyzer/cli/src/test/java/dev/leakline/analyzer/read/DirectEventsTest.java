package dev.leakline.analyzer.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import dev.leakline.analyzer.TestRecordings;
import dev.leakline.engine.event.ChunkFacts;
import dev.leakline.engine.event.RecordedEvent;
import dev.leakline.jfr.Actor;
import dev.leakline.jfr.Leakline;
import dev.leakline.jfr.TrackedResponse;

/**
 * Decoding Leakline's events from the chunk's bytes ({@link DirectEvents}) must change nothing the analyzer is told:
 * every bundled recording, and all of them in one file (chunks of many JVMs, with and without their JVM's identity),
 * gives the very same calls, in the same order, with the same run objects, as JMC decoding every event; and a damaged
 * field ends its chunk where JMC's reading ends it. (Other damage, with decoding on as it is by default, is the
 * corruption suite's and the fuzz test's.)
 */
class DirectEventsTest {
    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> everyBundledRecordingReadsTheSameDecodedHere() throws IOException {
        Path root = TestRecordings.bundledRoot();
        return TestRecordings.bundled(40).stream().map(jfr -> DynamicTest.dynamicTest(root.relativize(jfr).toString(),
                () -> {
                    JmcRecordingReader decoding = new JmcRecordingReader(true, true);
                    ReaderCalls decoded = ReaderCalls.of(decoding, jfr);
                    ReaderCalls byJmc = ReaderCalls.of(new JmcRecordingReader(true, false), jfr);
                    assertThat(decoded.calls()).isEqualTo(byJmc.calls());
                    assertThat(decoded.runs()).isEqualTo(byJmc.runs());
                    // Every bundled recording holds Leakline events: they were decoded here, not by JMC.
                    assertThat(decoding.decodedEvents()).as("events decoded here").isPositive();
                }));
    }

    @Test
    void allBundledRecordingsInOneFileReadTheSameDecodedHere() throws Exception {
        List<Path> recordings = TestRecordings.bundled(40);
        Path all = TestRecordings.concat(dir.resolve("all.jfr"), recordings.toArray(Path[]::new));

        JmcRecordingReader fast = new JmcRecordingReader(true, true);
        ReaderCalls read = ReaderCalls.of(fast, all);
        ReaderCalls alone = ReaderCalls.of(new JmcRecordingReader(false, false), all);

        assertThat(read.calls()).hasSameSizeAs(alone.calls());
        assertThat(read.calls()).isEqualTo(alone.calls());
        assertThat(read.runs()).isEqualTo(alone.runs());
        // More than one JVM, with and without its identity: chunks decoded here count to the same run objects.
        assertThat(alone.runs().stream().distinct().count()).isGreaterThan(1);
        long chunks = alone.calls().stream().filter(ChunkFacts.class::isInstance).count();
        assertThat(chunks).isGreaterThan(recordings.size());
        assertThat(fast.decodedEvents()).isPositive();
    }

    @Test
    void aDamagedEventDecodedHereEndsTheChunkThereAsJmcWould() throws Exception {
        Path file = TestRecordings.record(dir, "damaged.jfr", () -> {
            for (int i = 0; i < 40; i++) {
                TrackedResponse r = Leakline.responseOpened("lib", 7, "GET", "http://h/" + i, 200, "HTTP/1.1", 3);
                r.bodyRead(3);
                r.bodyDrained(Actor.APPLICATION);
                r.closed(Actor.APPLICATION);
            }
        });
        byte[] bytes = Files.readAllBytes(file);
        // The 20th response's method: its string encoding becomes 9, which no reader knows.
        bytes[stringFieldOf(bytes, "leakline.ResponseOpened", 20, "method")] = 9;
        Files.write(file, bytes);

        JmcRecordingReader decoding = new JmcRecordingReader(true, true);
        ReaderCalls decoded = ReaderCalls.of(decoding, file);
        ReaderCalls byJmc = ReaderCalls.of(new JmcRecordingReader(true, false), file);

        // The same records up to the damaged event, in the same order, and none after it.
        assertThat(records(decoded)).isEqualTo(records(byJmc));
        assertThat(records(decoded)).filteredOn(RecordedEvent.ResponseOpened.class::isInstance).hasSize(19);
        assertThat(decoded.calls()).filteredOn(String.class::isInstance).singleElement().asString()
                .contains("chunk 1 is damaged (leakline.ResponseOpened: ")
                .contains("; the events before the damage were read");
        assertThat(decoding.decodedEvents()).isPositive();
    }

    private static List<Object> records(ReaderCalls calls) {
        return calls.calls().stream().filter(RecordedEvent.class::isInstance).toList();
    }

    /** Where the {@code field} string of the {@code nth} event of {@code type} (from 1) starts in a one-chunk file. */
    private static int stringFieldOf(byte[] chunk, String type, int nth, String field) {
        ChunkHeader header = ChunkHeader.of(chunk);
        EventLayouts layouts = EventLayouts.read(chunk, (int) header.metadataOffset(), (int) header.size(),
                t -> true, type::equals);
        ChunkBytes in = new ChunkBytes(chunk, ChunkHeader.LENGTH, (int) header.size());
        int index = ChunkHeader.LENGTH;
        int seen = 0;
        while (index < header.size()) {
            in.window(index, (int) header.size());
            int size = in.varint();
            EventLayouts.Layout layout = layouts.of(in.varlong());
            if (layout != null && layout.decoding() != null && ++seen == nth) {
                List<String> names = layout.decoding().names();
                for (int i = 0; i < names.size(); i++) {
                    if (names.get(i).equals(field)) {
                        return in.position();
                    }
                    switch (layout.decoding().kinds()[i]) {
                        case EventLayouts.STRING_FIELD -> in.skipString();
                        case EventLayouts.BOOLEAN_FIELD, EventLayouts.BYTE_FIELD -> in.u1();
                        default -> in.varlong();
                    }
                }
            }
            index += size;
        }
        throw new AssertionError("no " + type + " number " + nth + " with a field " + field);
    }
}
