package dev.leakline.scenarios;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * What a recording holds of the Leakline events, per scenario line: read with the JDK's own
 * {@link RecordingFile}, independent of the analyzer module.
 */
final class RecordingSummary {
    /** Per site ({@code Class.method:line}): opened response ids. */
    final Map<String, Set<Long>> openedBySite = new HashMap<>();
    /** Per site: distinct non-zero connection ids. */
    final Map<String, Set<Long>> connectionsBySite = new HashMap<>();
    /** Responses the application read to the end ({@code drainedBy=application}). */
    final Set<Long> drained = new HashSet<>();
    final Set<Long> closedByApplication = new HashSet<>();
    final Set<Long> closedAfterDrain = new HashSet<>();
    /** Connection ids of {@code leakline.ConnectionReleased} events. */
    final Set<Long> releasedConnections = new HashSet<>();
    /** Per response id: when it opened, and when the application closed it. */
    final Map<Long, Instant> openedAt = new HashMap<>();
    final Map<Long, Instant> closedAt = new HashMap<>();
    /** Thread name with digits folded to {@code #}: started minus ended in the recording. */
    final Map<String, Integer> threadsAlive = new HashMap<>();
    /** Threads started and not ended, by java thread id: "pattern@site" of their start's stack trace. */
    final Map<Long, String> aliveByThread = new HashMap<>();

    /** Threads alive at the end whose start names {@code site} ({@code Class.method:line}), by name pattern. */
    long aliveStartedAt(String pattern, String site) {
        return aliveByThread.values().stream().filter(v -> v.equals(pattern + "@" + site)).count();
    }

    static RecordingSummary read(Path jfr) throws IOException {
        RecordingSummary s = new RecordingSummary();
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            switch (e.getEventType().getName()) {
                case "leakline.ResponseOpened": {
                    String site = site(e.getStackTrace() == null ? List.of() : e.getStackTrace().getFrames());
                    s.openedBySite.computeIfAbsent(site, k -> new HashSet<>()).add(e.getLong("responseId"));
                    s.openedAt.put(e.getLong("responseId"), e.getStartTime());
                    long connection = e.getLong("connectionId");
                    if (connection != 0) {
                        s.connectionsBySite.computeIfAbsent(site, k -> new HashSet<>()).add(connection);
                    }
                    break;
                }
                case "leakline.ResponseDrained":
                    // The library's drain after an early close (Apache, OkHttp) is not the application reading.
                    if ("application".equals(e.getString("drainedBy"))) {
                        s.drained.add(e.getLong("responseId"));
                    }
                    break;
                case "leakline.ResponseClosed":
                    if ("application".equals(e.getString("closedBy"))) {
                        s.closedByApplication.add(e.getLong("responseId"));
                        s.closedAt.put(e.getLong("responseId"), e.getStartTime());
                    }
                    if (e.getBoolean("drained")) {
                        s.closedAfterDrain.add(e.getLong("responseId"));
                    }
                    break;
                case "leakline.ConnectionReleased":
                    s.releasedConnections.add(e.getLong("connectionId"));
                    break;
                case "jdk.ThreadStart": {
                    RecordedThread t = e.getThread("thread");
                    s.threadsAlive.merge(fold(t), 1, Integer::sum);
                    if (t != null) {
                        s.aliveByThread.put(t.getJavaThreadId(), fold(t) + "@"
                                + site(e.getStackTrace() == null ? List.of() : e.getStackTrace().getFrames()));
                    }
                    break;
                }
                case "jdk.ThreadEnd": {
                    RecordedThread t = e.getThread("thread");
                    s.threadsAlive.merge(fold(t), -1, Integer::sum);
                    if (t != null) {
                        s.aliveByThread.remove(t.getJavaThreadId());
                    }
                    break;
                }
                default:
                    break;
            }
        }
        return s;
    }

    /** The first scenario frame, as {@code Class.method:line}. */
    private static String site(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            String type = f.getMethod().getType().getName();
            if (type.startsWith("dev.leakline.scenarios.")) {
                return type + "." + f.getMethod().getName() + ":" + f.getLineNumber();
            }
        }
        return "no scenario frame";
    }

    /** A truth file's site {@code Class.method(File.java:12)} as {@code Class.method:12}. */
    static String key(String truthSite) {
        int open = truthSite.indexOf('(');
        int colon = truthSite.lastIndexOf(':');
        return truthSite.substring(0, open) + ":" + truthSite.substring(colon + 1, truthSite.length() - 1);
    }

    private static String fold(RecordedThread t) {
        String name = t == null ? "" : t.getJavaName();
        return name == null ? "" : ScenarioMain.fold(name);
    }
}
