package dev.leakline.jfr.robust;

import dev.leakline.jfr.Leakline;
import dev.leakline.jfr.TrackedResponse;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jfr.Event;
import jdk.jfr.Name;
import jdk.jfr.Recording;
import jdk.jfr.StackTrace;

/**
 * A child-JVM program for {@link DataLossUnderLoadTest}: threads that open, read and close responses through the
 * Leakline API as fast as they can, beside threads flooding JFR with large events, so that with tiny JFR buffers
 * the recorder loses data. Prints {@code opened=N unexpected=K}: K counts every throwable the "application" caught.
 * Arguments: the file to write, response threads, responses per thread, flood events per flood thread.
 */
public final class FloodingService {
    /** A large test-only event that fills JFR's buffers. */
    @Name("robust.Flood")
    @StackTrace(false)
    static final class Flood extends Event {
        String payload;
    }

    private FloodingService() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        int each = Integer.parseInt(args[2]);
        int flood = Integer.parseInt(args[3]);
        AtomicLong opened = new AtomicLong();
        AtomicLong unexpected = new AtomicLong();
        String payload = "x".repeat(2000);
        try (Recording recording = new Recording()) {
            recording.enable("leakline.ResponseOpened").withStackTrace();
            recording.enable("leakline.ResponseDrained");
            recording.enable("leakline.ResponseClosed");
            recording.enable("jdk.DataLoss");
            recording.enable(Flood.class);
            recording.setToDisk(true);
            recording.start();
            Thread[] all = new Thread[threads * 2];
            for (int t = 0; t < threads; t++) {
                all[t] = new Thread(() -> {
                    for (int i = 0; i < each; i++) {
                        try {
                            TrackedResponse r = Leakline.responseOpened("robust", 0, "GET", "http://127.0.0.1/" + i,
                                    200, "HTTP/1.1", 64);
                            opened.incrementAndGet();
                            try (InputStream body = Leakline.trackBody(new ByteArrayInputStream(new byte[64]), r)) {
                                body.readAllBytes();
                            }
                        } catch (Throwable e) {
                            unexpected.incrementAndGet();
                        }
                    }
                }, "service-" + t);
                all[threads + t] = new Thread(() -> {
                    for (int i = 0; i < flood; i++) {
                        Flood event = new Flood();
                        event.payload = payload;
                        event.commit();
                    }
                }, "flood-" + t);
            }
            for (Thread t : all) {
                t.start();
            }
            for (Thread t : all) {
                t.join();
            }
            recording.stop();
            recording.dump(file);
        }
        System.out.println("opened=" + opened.get() + " unexpected=" + unexpected.get());
    }
}
