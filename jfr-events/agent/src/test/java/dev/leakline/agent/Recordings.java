package dev.leakline.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/** The Leakline events of a child JVM's recording, grouped per response, read with the JDK's own parser. */
final class Recordings {
    static final String OPENED = "leakline.ResponseOpened";

    private Recordings() {
    }

    static List<RecordedEvent> leaklineEvents(Path file) throws IOException {
        List<RecordedEvent> events = new ArrayList<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            if (e.getEventType().getName().startsWith("leakline.")) {
                events.add(e);
            }
        }
        events.sort(Comparator.comparing(RecordedEvent::getStartTime));
        return events;
    }

    /** Each response's events in time order (releases excluded), keyed by response id in opening order. */
    static Map<Long, List<RecordedEvent>> byResponse(List<RecordedEvent> events) {
        Map<Long, List<RecordedEvent>> out = new LinkedHashMap<>();
        events.stream().filter(e -> e.getEventType().getName().equals(OPENED))
                .forEach(e -> out.put(e.getLong("responseId"), new ArrayList<>()));
        for (RecordedEvent e : events) {
            List<RecordedEvent> response = out.get(e.getLong("responseId"));
            if (response != null && !e.getEventType().getName().equals("leakline.ConnectionReleased")) {
                response.add(e);
            }
        }
        return out;
    }

    /** Each response's events in time order, its connection's releases included, keyed by response id. */
    static Map<Long, List<RecordedEvent>> withReleases(List<RecordedEvent> events) {
        Map<Long, List<RecordedEvent>> out = new LinkedHashMap<>();
        events.stream().filter(e -> e.getEventType().getName().equals(OPENED))
                .forEach(e -> out.put(e.getLong("responseId"), new ArrayList<>()));
        for (RecordedEvent e : events) {
            List<RecordedEvent> response = out.get(e.getLong("responseId"));
            if (response != null) {
                response.add(e);
            }
        }
        return out;
    }

    /** The kinds with who and how, as the adapters' tests write them: {@code drained:library}, {@code released:pooled}. */
    static List<String> detailedKinds(List<RecordedEvent> events) {
        return events.stream().map(e -> {
            switch (e.getEventType().getName()) {
                case OPENED:
                    return "opened";
                case "leakline.ResponseDrained":
                    return "drained:" + e.getString("drainedBy");
                case "leakline.ResponseClosed":
                    return "closed:" + e.getString("closedBy");
                default:
                    return "released:" + e.getString("outcome");
            }
        }).collect(Collectors.toList());
    }

    static List<String> kinds(List<RecordedEvent> events) {
        return events.stream().map(e -> e.getEventType().getName().replace("leakline.Response", "").toLowerCase())
                .collect(Collectors.toList());
    }

    /** The first frame that is neither Leakline's, the agent's, nor the JDK's: the line a user is told to fix. */
    static RecordedFrame firstApplicationFrame(RecordedEvent opened) {
        for (RecordedFrame f : opened.getStackTrace().getFrames()) {
            String type = f.getMethod().getType().getName();
            if (!(type.startsWith("dev.leakline.jfr.") || type.startsWith("dev.leakline.agent.jdk.")
                    || type.startsWith("dev.leakline.agent.apache4.") || type.startsWith("org.apache.http.")
                    || type.startsWith("software.amazon.awssdk.") || type.startsWith("okhttp3.")
                    || type.startsWith("okio.") || type.startsWith("kotlin.")
                    || type.startsWith("dev.leakline.agent.bootstrap.") || type.startsWith("java.")
                    || type.startsWith("jdk.") || type.startsWith("sun."))) {
                return f;
            }
        }
        throw new AssertionError("no application frame in " + opened.getStackTrace().getFrames());
    }

    /** The line of {@code marker} in a test source file, found by reading the source, not the recording. */
    static int lineOf(Path source, String marker) throws IOException {
        List<String> lines = Files.readAllLines(source);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).endsWith("// open: " + marker) || lines.get(i).contains("// open: " + marker + " ")
                    || lines.get(i).trim().endsWith("// open: " + marker)) {
                return i + 1;
            }
        }
        throw new AssertionError("marker " + marker + " not in " + source);
    }
}
