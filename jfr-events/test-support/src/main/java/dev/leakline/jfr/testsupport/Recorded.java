package dev.leakline.jfr.testsupport;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/** Runs code under a real in-process JFR recording with the shipped leakline.jfc and reads the Leakline events back. */
public final class Recorded {
    public static final String STARTED = "leakline.RequestStarted";
    public static final String OPENED = "leakline.ResponseOpened";
    public static final String DRAINED = "leakline.ResponseDrained";
    public static final String CLOSED = "leakline.ResponseClosed";
    public static final String RELEASED = "leakline.ConnectionReleased";

    /** Code that runs while recording. */
    public interface Body {
        void run() throws Exception;
    }

    private final List<RecordedEvent> events;

    private Recorded(List<RecordedEvent> events) {
        this.events = events;
    }

    public static Recorded during(Path dir, Body body) throws Exception {
        Configuration config;
        try (Reader reader = new InputStreamReader(
                Recorded.class.getResourceAsStream("/dev/leakline/jfr/leakline.jfc"), StandardCharsets.UTF_8)) {
            config = Configuration.create(reader);
        } catch (ParseException e) {
            throw new IOException(e);
        }
        Path file = dir.resolve("test.jfr");
        try (Recording recording = new Recording(config)) {
            recording.start();
            body.run();
            recording.stop();
            recording.dump(file);
        }
        List<RecordedEvent> all = new ArrayList<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            if (e.getEventType().getName().startsWith("leakline.")) {
                all.add(e);
            }
        }
        all.sort(Comparator.comparing(RecordedEvent::getStartTime));
        Files.deleteIfExists(file);
        return new Recorded(all);
    }

    /** Every Leakline event of the recording, in the order the file holds them. */
    public List<RecordedEvent> events() {
        return events;
    }

    public List<RecordedEvent> named(String name) {
        return events.stream().filter(e -> e.getEventType().getName().equals(name)).collect(Collectors.toList());
    }

    /** Every response's events in time order, keyed by response id in the order the responses opened. */
    public Map<Long, List<RecordedEvent>> byResponse() {
        Map<Long, List<RecordedEvent>> out = new LinkedHashMap<>();
        for (RecordedEvent e : named(OPENED)) {
            out.put(e.getLong("responseId"), new ArrayList<>());
        }
        for (RecordedEvent e : events) {
            long id = e.getLong("responseId");
            if (out.containsKey(id)) {
                out.get(id).add(e);
            }
        }
        return out;
    }

    /** The short kinds of one response's events, e.g. [started, opened, drained, released:pooled]. */
    public static List<String> kinds(List<RecordedEvent> events) {
        return events.stream().map(Recorded::kind).collect(Collectors.toList());
    }

    public static String kind(RecordedEvent e) {
        switch (e.getEventType().getName()) {
            case STARTED:
                return "started";
            case OPENED:
                return "opened";
            case DRAINED:
                return "drained:" + e.getString("drainedBy");
            case CLOSED:
                return "closed:" + e.getString("closedBy");
            case RELEASED:
                return "released:" + e.getString("outcome");
            default:
                return e.getEventType().getName();
        }
    }
}
