package dev.leakline.analyzer.robust;

import java.nio.file.Path;

import dev.leakline.jfr.Leakline;
import dev.leakline.jfr.TrackedResponse;
import jdk.jfr.Event;
import jdk.jfr.Name;
import jdk.jfr.Recording;
import jdk.jfr.StackTrace;

/**
 * A child-JVM program for {@link DataLossTest}: leaves three responses open, then floods JFR with large events from
 * several threads so that, with the tiny buffers the test gives the JVM, the recorder drops data and writes
 * {@code jdk.DataLoss}. Arguments: the file to write, threads, events per thread.
 */
public final class FloodWithLeaks {
    /** A large test-only event; its only purpose is to fill JFR's buffers faster than they drain. */
    @Name("robust.Flood")
    @StackTrace(false)
    static final class Flood extends Event {
        String payload;
        long sequence;
    }

    private FloodWithLeaks() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        int perThread = Integer.parseInt(args[2]);
        String payload = "x".repeat(2000);
        TrackedResponse[] open = new TrackedResponse[3];
        try (Recording recording = SourceRecordings.leaklineRecording()) {
            recording.enable(Flood.class);
            recording.enable("jdk.DataLoss");
            recording.start();
            for (int i = 0; i < open.length; i++) {
                open[i] = Leakline.responseOpened("robust", 0, "GET", "http://127.0.0.1:8080/leaked/" + i, 200,
                        "HTTP/1.1", -1);
            }
            Thread[] flooders = new Thread[threads];
            for (int t = 0; t < threads; t++) {
                flooders[t] = new Thread(() -> {
                    for (int j = 0; j < perThread; j++) {
                        Flood event = new Flood();
                        event.payload = payload;
                        event.sequence = j;
                        event.commit();
                    }
                }, "flooder-" + t);
                flooders[t].start();
            }
            for (Thread t : flooders) {
                t.join();
            }
            recording.stop();
            recording.dump(file);
        }
        System.out.println(open.length);
    }
}
