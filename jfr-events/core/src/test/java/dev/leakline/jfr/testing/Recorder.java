package dev.leakline.jfr.testing;

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
import java.util.function.Consumer;
import java.util.stream.Collectors;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * A real in-process JFR recording made with the shipped {@code leakline.jfc}, dumped to a file and read
 * back with {@link RecordingFile}: what a user's recording would hold.
 */
public final class Recorder implements AutoCloseable {
    public static final String STARTED = "leakline.RequestStarted";
    public static final String OPENED = "leakline.ResponseOpened";
    public static final String DRAINED = "leakline.ResponseDrained";
    public static final String CLOSED = "leakline.ResponseClosed";
    public static final String RELEASED = "leakline.ConnectionReleased";

    private final Recording recording;
    private final Path file;
    private List<RecordedEvent> events;

    private Recorder(Consumer<Recording> tune) throws IOException {
        recording = new Recording(leaklineConfiguration());
        recording.setToDisk(true);
        tune.accept(recording);
        file = Files.createTempFile("leakline-test", ".jfr");
        recording.start();
    }

    /** Starts recording with {@code leakline.jfc}. */
    public static Recorder start() throws IOException {
        return new Recorder(r -> { });
    }

    /** Starts recording with {@code leakline.jfc}, adjusted by {@code tune} (for example stack traces off). */
    public static Recorder start(Consumer<Recording> tune) throws IOException {
        return new Recorder(tune);
    }

    /** The shipped settings, read from the classpath as a user's JVM would find them in the jar. */
    public static Configuration leaklineConfiguration() throws IOException {
        try (Reader reader = new InputStreamReader(
                Recorder.class.getResourceAsStream("/dev/leakline/jfr/leakline.jfc"), StandardCharsets.UTF_8)) {
            return Configuration.create(reader);
        } catch (ParseException e) {
            throw new IOException(e);
        }
    }

    /** Stops the recording (once) and returns the Leakline events it holds, in file order. */
    public List<RecordedEvent> stop() throws IOException {
        if (events == null) {
            recording.stop();
            recording.dump(file);
            List<RecordedEvent> all = new ArrayList<>();
            for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
                if (event.getEventType().getName().startsWith("leakline.")) {
                    all.add(event);
                }
            }
            events = all;
        }
        return events;
    }

    /**
     * Stops the recording and dumps it without reading it, for tests with too many events to hold
     * in memory: they stream the file themselves.
     */
    public Path stopAndDump() throws IOException {
        recording.stop();
        recording.dump(file);
        events = List.of();
        return file;
    }

    /** The recording file (after {@link #stop()}). */
    public Path file() {
        return file;
    }

    /**
     * The Leakline response events grouped by response id, each group ordered by time (stable, so events
     * a thread committed in sequence keep their order), groups in order of their first event.
     */
    public Map<Long, List<RecordedEvent>> byResponse() throws IOException {
        List<RecordedEvent> sorted = new ArrayList<>(stop());
        sorted.sort(Comparator.comparing(RecordedEvent::getStartTime));
        Map<Long, List<RecordedEvent>> groups = new LinkedHashMap<>();
        for (RecordedEvent event : sorted) {
            if (!event.getEventType().getName().equals(RELEASED)) {
                groups.computeIfAbsent(event.getLong("responseId"), id -> new ArrayList<>()).add(event);
            }
        }
        return groups;
    }

    /** The events of {@code events} with the given event name, in order. */
    public static List<RecordedEvent> named(List<RecordedEvent> events, String name) {
        return events.stream().filter(e -> e.getEventType().getName().equals(name)).collect(Collectors.toList());
    }

    /** "started", "opened", "drained" or "closed" for a Leakline response event. */
    public static String kind(RecordedEvent event) {
        switch (event.getEventType().getName()) {
            case STARTED: return "started";
            case OPENED: return "opened";
            case DRAINED: return "drained";
            case CLOSED: return "closed";
            default: return event.getEventType().getName();
        }
    }

    /** The kinds of {@code events}, in order. */
    public static List<String> kinds(List<RecordedEvent> events) {
        return events.stream().map(Recorder::kind).toList();
    }

    /** The methods of the event's stack trace, as {@code Class.method}, innermost first. */
    public static List<String> frames(RecordedEvent event) {
        if (event.getStackTrace() == null) {
            return List.of();
        }
        return event.getStackTrace().getFrames().stream()
                .map(RecordedFrame::getMethod)
                .map(m -> m.getType().getName() + "." + m.getName())
                .toList();
    }

    @Override
    public void close() throws IOException {
        recording.close();
        Files.deleteIfExists(file);
    }
}
