package dev.leakline.analyzer.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import dev.leakline.analyzer.TestRecordings;
import dev.leakline.engine.event.RecordedEvent;
import dev.leakline.jfr.Actor;
import dev.leakline.jfr.Leakline;
import dev.leakline.jfr.TrackedResponse;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordingFile;

/**
 * Hiding the events the analyzer does not need from JMC ({@link UnneededEvents}) must change nothing the analyzer is
 * told, only what JMC decodes: every bundled recording gives the very same calls with and without it, and a recording
 * made here hides exactly its JDK events while keeping the thread they show. (Damaged input, with hiding on as it is
 * by default, is the corruption suite's and the fuzz test's.)
 */
class UnneededEventsTest {
    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> everyBundledRecordingReadsTheSameWithAndWithoutHiding() throws IOException {
        Path root = TestRecordings.bundledRoot();
        List<Path> recordings = TestRecordings.bundled(40);
        return recordings.stream().map(jfr -> DynamicTest.dynamicTest(root.relativize(jfr).toString(), () -> {
            JmcRecordingReader hiding = new JmcRecordingReader(true, false);
            List<Object> hidden = calls(hiding, jfr);
            assertThat(hidden).isEqualTo(calls(new JmcRecordingReader(false, false), jfr));
            // Recorded with the JDK's default settings: most events are the JDK's, and JMC decodes none of them.
            assertThat(hiding.hiddenEvents()).as("events hidden").isPositive();
        }));
    }

    @Test
    void hidesExactlyTheJdkEventsAndKeepsTheThreadTheyShow() throws Exception {
        CountDownLatch recording = new CountDownLatch(1);
        CountDownLatch slept = new CountDownLatch(1);
        // Started before the recording, seen only in its jdk.ThreadSleep events: the analyzer learns of it from them.
        Thread sleeper = new Thread(() -> {
            try {
                recording.await();
                for (int i = 0; i < 40; i++) {
                    Thread.sleep(1);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            slept.countDown();
        }, "only-sleeps");
        sleeper.start();
        Path file = dir.resolve("sleeps.jfr");
        try (Recording r = new Recording()) {
            r.enable("leakline.ResponseOpened").withStackTrace();
            r.enable("leakline.ResponseClosed");
            r.enable("jdk.ThreadSleep").withThreshold(java.time.Duration.ZERO);
            r.start();
            recording.countDown();
            for (int i = 0; i < 3; i++) {
                TrackedResponse response = Leakline.responseOpened("java.net.http", i, "GET",
                        "http://127.0.0.1:1/" + i, 200, "HTTP/1.1", 0);
                response.closed(Actor.APPLICATION);
            }
            slept.await();
            r.stop();
            r.dump(file);
        }
        sleeper.join();

        // The JDK's own reader says what is in the file.
        int sleeps = 0;
        int leakline = 0;
        Instant lastSleep = Instant.MIN;
        for (jdk.jfr.consumer.RecordedEvent e : RecordingFile.readAllEvents(file)) {
            String type = e.getEventType().getName();
            if (type.equals("jdk.ThreadSleep") && e.getThread() != null
                    && "only-sleeps".equals(e.getThread().getJavaName())) {
                sleeps++;
                lastSleep = e.getStartTime().isAfter(lastSleep) ? e.getStartTime() : lastSleep;
            } else if (type.startsWith("leakline.")) {
                leakline++;
            }
        }
        assertThat(sleeps).isEqualTo(40);
        assertThat(leakline).isEqualTo(6);

        JmcRecordingReader hiding = new JmcRecordingReader(true, false);
        List<Object> calls = calls(hiding, file);
        long allSleeps = RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals("jdk.ThreadSleep")).count();
        assertThat(hiding.hiddenEvents()).isEqualTo(allSleeps);
        assertThat(calls).isEqualTo(calls(new JmcRecordingReader(false, false), file));
        assertThat(calls).filteredOn(RecordedEvent.ResponseOpened.class::isInstance).hasSize(3);
        List<RecordedEvent.ThreadSeen> seen = calls.stream().filter(RecordedEvent.ThreadSeen.class::isInstance)
                .map(RecordedEvent.ThreadSeen.class::cast).filter(t -> t.name().equals("only-sleeps")).toList();
        assertThat(seen).hasSize(1);
        long expected = lastSleep.getEpochSecond() * 1_000_000_000L + lastSleep.getNano();
        // JMC and the JDK turn ticks into time with different rounding: within a microsecond.
        assertThat(seen.get(0).timeNanos()).isBetween(expected - 1_000, expected + 1_000);
    }

    /** Every call the reader makes on its listener, in order. */
    private static List<Object> calls(JmcRecordingReader reader, Path file) {
        return ReaderCalls.of(reader, file).calls();
    }
}
