package dev.leakline.bench.scripts;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * The baseline of the analyzer benchmark: the least any tool must do to look at every event of a recording, one pass
 * of the JDK's own {@link RecordingFile} reading each event, counting events per type, summing the response ids of
 * the Leakline events and the frames of their opening stack traces (so the fields the analyzer needs are touched).
 *
 * <p>Run: {@code java -Xmx256m bench/scripts/RecordingFilePass.java big.jfr}. The time covers the pass only, not the
 * JVM's start or the in-memory compilation of this file; the bench script also measures the whole command.
 * The last lines are {@code key=value} pairs that the bench script reads.
 */
public final class RecordingFilePass {
    /** The JDK events the generator's noise mode makes (GenerateBigRecording -Dnoise=N). */
    private static final java.util.Set<String> NOISE_TYPES = java.util.Set.of("jdk.ThreadPark", "jdk.FileWrite",
            "jdk.FileRead", "jdk.SocketRead", "jdk.SocketWrite");

    private RecordingFilePass() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java RecordingFilePass.java FILE.jfr");
            System.exit(2);
        }
        Path file = Paths.get(args[0]);
        Map<String, long[]> perType = new TreeMap<>();
        long events = 0;
        long responseIdSum = 0;
        long openedFrames = 0;
        long started = System.nanoTime();
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                String type = event.getEventType().getName();
                perType.computeIfAbsent(type, t -> new long[1])[0]++;
                events++;
                if (type.startsWith("leakline.") && event.hasField("responseId")) {
                    responseIdSum += event.getLong("responseId");
                    if (type.equals("leakline.ResponseOpened")) {
                        RecordedStackTrace stack = event.getStackTrace();
                        openedFrames += stack == null ? 0 : stack.getFrames().size();
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "RecordingFile pass over %s: %d events of %d types in %.2f s%n", file, events,
                perType.size(), seconds);
        perType.forEach((type, n) -> {
            if (type.startsWith("leakline.") || type.startsWith("jdk.Thread") || type.equals("jdk.DataLoss")) {
                System.out.printf(Locale.ROOT, "  %-30s %,12d%n", type, n[0]);
            }
        });
        System.out.println("events=" + events);
        System.out.println("leakline_events=" + perType.entrySet().stream()
                .filter(e -> e.getKey().startsWith("leakline.")).mapToLong(e -> e.getValue()[0]).sum());
        System.out.println("noise_events=" + perType.entrySet().stream()
                .filter(e -> NOISE_TYPES.contains(e.getKey())).mapToLong(e -> e.getValue()[0]).sum());
        System.out.println("data_loss_events=" + perType.getOrDefault("jdk.DataLoss", new long[1])[0]);
        System.out.println("response_id_sum=" + responseIdSum);
        System.out.println("opened_stack_frames=" + openedFrames);
        System.out.printf(Locale.ROOT, "pass_seconds=%.3f%n", seconds);
    }
}
