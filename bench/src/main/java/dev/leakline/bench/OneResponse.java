package dev.leakline.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The set-up check of {@link AgentRecordingBenchmark}'s forks: one response of the fork's variant, under a
 * recording of its own, records exactly what the variant's name says, and the agent is loaded exactly in the
 * {@code Agent} forks. Fails the fork (JMH prints the exception) otherwise.
 */
final class OneResponse {
    /** What one response of {@code HttpURLConnection} records, by the adapter's documentation. */
    static final Map<String, Long> URL_CONNECTION = Map.of(
            "leakline.ResponseOpened", 1L, "leakline.ResponseDrained", 1L, "leakline.ResponseClosed", 1L);
    /** What one response of a pooled Apache HttpClient 4.5 records: the three, and the connection back in the pool. */
    static final Map<String, Long> APACHE4 = Map.of(
            "leakline.ResponseOpened", 1L, "leakline.ResponseDrained", 1L, "leakline.ResponseClosed", 1L,
            "leakline.ConnectionReleased", 1L);

    /** One response of the variant under test. */
    interface Action {
        void run() throws Exception;
    }

    private OneResponse() {
    }

    /**
     * Checks the fork of {@code params}' benchmark: a {@code ...Baseline} records no Leakline event, any other
     * variant records {@code instrumented}; the agent is loaded if and only if the name ends with {@code Agent}.
     */
    static void check(BenchmarkParams params, Map<String, Long> instrumented, Action oneResponse) throws Exception {
        String name = params.getBenchmark();
        boolean agentExpected = name.endsWith("Agent");
        if (agentLoaded() != agentExpected) {
            throw new IllegalStateException(name + ": the agent is " + (agentExpected ? "not " : "")
                    + "loaded in this fork; JVM arguments " + ManagementFactory.getRuntimeMXBean().getInputArguments());
        }
        Map<String, Long> expected = name.endsWith("Baseline") ? Map.of() : instrumented;
        Map<String, Long> recorded = leaklineEvents(oneResponse);
        if (!recorded.equals(new TreeMap<>(expected))) {
            throw new IllegalStateException(name + ": one response recorded " + recorded + ", expected " + expected);
        }
    }

    static boolean agentLoaded() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(a -> a.startsWith("-javaagent:") && a.contains("leakline-agent"));
    }

    /** The Leakline events, by type and count, that {@code action} records under the shipped settings. */
    static Map<String, Long> leaklineEvents(Action action) throws Exception {
        Path file = Files.createTempFile("leakline-bench-check", ".jfr");
        try {
            try (Recording recording = new Recording(RunningRecording.shippedSettings())) {
                recording.start();
                action.run();
                recording.stop();
                recording.dump(file);
            }
            Map<String, Long> counts = new TreeMap<>();
            for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
                String type = event.getEventType().getName();
                if (type.startsWith("leakline.")) {
                    counts.merge(type, 1L, Long::sum);
                }
            }
            return counts;
        } finally {
            deleteQuietly(file);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            file.toFile().deleteOnExit();
        }
    }
}
