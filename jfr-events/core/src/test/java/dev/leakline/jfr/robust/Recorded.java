package dev.leakline.jfr.robust;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/** A real in-process recording of the four Leakline events, read back with {@code jdk.jfr.consumer}. */
final class Recorded implements AutoCloseable {
    static final String OPENED = "leakline.ResponseOpened";
    static final String DRAINED = "leakline.ResponseDrained";
    static final String CLOSED = "leakline.ResponseClosed";

    private final Recording recording = new Recording();
    private final Path file;

    Recorded() throws IOException {
        recording.enable(OPENED).withStackTrace();
        recording.enable(DRAINED);
        recording.enable(CLOSED);
        recording.enable("leakline.ConnectionReleased");
        recording.enable("jdk.DataLoss");
        recording.setToDisk(true);
        file = Files.createTempFile("leakline-robust", ".jfr");
    }

    Recorded start() {
        recording.start();
        return this;
    }

    /** Stops (once), dumps, and returns the Leakline events in file order. */
    List<RecordedEvent> stop() throws IOException {
        recording.stop();
        recording.dump(file);
        return leaklineEvents(file);
    }

    static List<RecordedEvent> leaklineEvents(Path file) throws IOException {
        List<RecordedEvent> events = new ArrayList<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            if (e.getEventType().getName().startsWith("leakline.")) {
                events.add(e);
            }
        }
        return events;
    }

    static List<RecordedEvent> named(List<RecordedEvent> events, String name) {
        return events.stream().filter(e -> e.getEventType().getName().equals(name)).toList();
    }

    @Override
    public void close() throws IOException {
        recording.close();
        Files.deleteIfExists(file);
    }
}
