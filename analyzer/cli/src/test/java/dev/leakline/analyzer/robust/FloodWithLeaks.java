package dev.leakline.analyzer.robust;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.leakline.jfr.Actor;
import dev.leakline.jfr.Leakline;
import dev.leakline.jfr.TrackedResponse;
import jdk.jfr.Event;
import jdk.jfr.Name;
import jdk.jfr.Recording;
import jdk.jfr.StackTrace;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * Makes the lossy recording in {@code src/test/resources/lossy/} (docs/robustness.md, "Lost data"): in a JVM
 * with tiny JFR buffers, leaves three responses open and opens a fourth, floods JFR from several threads until it
 * writes {@code jdk.DataLoss}, then closes the fourth late (recovered) and, after the last loss, leaves two more open.
 * Writes the recording and its truth file (docs/truth-files.md) from its own bookkeeping, after checking that the
 * recording holds a loss and that the last loss came before the late opens (else exit code 2: run it again).
 *
 * <p>Run with JDK 17 and {@code -XX:FlightRecorderOptions:globalbuffersize=512k,numglobalbuffers=2,
 * threadbuffersize=8k,memorysize=1m}. JDK 25 keeps every event of a disk recording under the same flood (when its
 * global buffers are full it allocates transient ones instead of dropping data), so the recording comes from 17.
 * Arguments: the .jfr file to write, threads, events per thread.
 */
public final class FloodWithLeaks {
    static final long MIN_AGE_MILLIS = 200;

    /** A large test-only event; its only purpose is to fill JFR's buffers faster than they drain. */
    @Name("robust.Flood")
    @StackTrace(false)
    static final class Flood extends Event {
        String payload;
        long sequence;
    }

    private FloodWithLeaks() {
    }

    private static final List<Map<String, Object>> TRUTH = new ArrayList<>();

    private static final String BASE = "http://127.0.0.1:8080";

    /** Notes, in the truth file, a response opened {@code linesAbove} lines above the caller's line. */
    private static void note(String path, String expected, int linesAbove) {
        StackWalker.StackFrame f = StackWalker.getInstance().walk(s -> s.skip(1).findFirst()).orElseThrow();
        String site = f.getClassName() + "." + f.getMethodName() + "(" + f.getFileName() + ":"
                + (f.getLineNumber() - linesAbove) + ")";
        Map<String, Object> r = new TreeMap<>();
        r.put("case", path.substring(1, path.lastIndexOf('/')));
        r.put("site", site);
        r.put("method", "GET");
        r.put("path", path);
        r.put("openedAtMillis", System.currentTimeMillis());
        r.put("readToEnd", false);
        r.put("closed", false);
        r.put("closedAtMillis", null);
        r.put("expected", expected);
        TRUTH.add(r);
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        int perThread = Integer.parseInt(args[2]);
        long lateOpens;
        try (Recording recording = SourceRecordings.leaklineRecording()) {
            recording.enable(Flood.class);
            recording.enable("jdk.DataLoss");
            recording.start();
            for (int i = 0; i < 3; i++) {
                // Left open before the loss: their close may be among the lost events.
                Leakline.responseOpened("robust", 0, "GET", BASE + "/leaked/" + i, 200, "HTTP/1.1", -1);
                note("/leaked/" + i, "uncertain", 1);
            }
            // Closed after the loss, long after its open: recovered, and uncertain (an earlier close may be lost).
            TrackedResponse late = Leakline.responseOpened("robust", 0, "GET", BASE + "/late-close/0", 200, "HTTP/1.1",
                    -1);
            note("/late-close/0", "recovered", 2);
            Thread[] flooders = new Thread[threads];
            for (int t = 0; t < threads; t++) {
                flooders[t] = new Thread(() -> {
                    for (int j = 0; j < perThread; j++) {
                        Flood event = new Flood();
                        // A new string per event: JDKs that pool repeated strings would write it once.
                        event.payload = "x".repeat(2000) + j;
                        event.sequence = j;
                        event.commit();
                    }
                }, "flooder-" + t);
                flooders[t].start();
            }
            for (Thread t : flooders) {
                t.join();
            }
            // Let the recorder write out what the flood left, so no loss comes after the late opens.
            Thread.sleep(500);
            late.closed(Actor.APPLICATION);
            TRUTH.get(3).put("closed", true);
            TRUTH.get(3).put("closedAtMillis", System.currentTimeMillis());
            lateOpens = System.currentTimeMillis();
            for (int i = 0; i < 2; i++) {
                // Opened after the last loss and never closed: certainly leaked.
                Leakline.responseOpened("robust", 0, "GET", BASE + "/after-loss/" + i, 200, "HTTP/1.1", -1);
                note("/after-loss/" + i, "leaked", 1);
            }
            Thread.sleep(2 * MIN_AGE_MILLIS);
            recording.stop();
            recording.dump(file);
        }
        long losses = 0;
        Instant lastLoss = Instant.EPOCH;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                if (event.getEventType().getName().equals("jdk.DataLoss")) {
                    losses++;
                    lastLoss = lastLoss.isAfter(event.getStartTime()) ? lastLoss : event.getStartTime();
                }
            }
        }
        if (losses == 0 || lastLoss.toEpochMilli() >= lateOpens) {
            System.out.println("losses=" + losses + " lastLoss=" + lastLoss + " lateOpens=" + Instant.ofEpochMilli(
                    lateOpens));
            System.exit(2);
        }
        Map<String, Object> truth = new java.util.LinkedHashMap<>();
        truth.put("schema", 1);
        truth.put("scenario", "flood-with-leaks");
        truth.put("client", "robust");
        truth.put("java", System.getProperty("java.version"));
        truth.put("recording", file.getFileName().toString() + ".gz");
        truth.put("minAgeMillis", MIN_AGE_MILLIS);
        truth.put("responses", TRUTH);
        truth.put("threadsAliveAtEnd", List.of());
        truth.put("notes", losses + " jdk.DataLoss events, the last at " + lastLoss + "; the late opens at "
                + Instant.ofEpochMilli(lateOpens) + ". Made by FloodWithLeaks (analyzer/cli tests) with tiny buffers.");
        Files.writeString(file.resolveSibling(file.getFileName().toString().replace(".jfr", ".truth.json")),
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(truth) + "\n");
        System.out.println(losses);
    }
}
