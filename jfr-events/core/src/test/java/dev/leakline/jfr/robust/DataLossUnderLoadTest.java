package dev.leakline.jfr.robust;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JFR under a flood ({@code jdk.DataLoss}): a child JVM with the smallest buffers JFR accepts runs response traffic
 * beside a flood of large events. The application must see no exception, the recording must stay readable, and a
 * Leakline event may be missing only when JFR says it lost data.
 *
 * <p>Whether JFR loses data depends on the JDK: JDK 17 drops a thread's buffer when no global buffer is free (and
 * writes {@code jdk.DataLoss}); JDK 25 allocates a transient buffer instead whenever a recording goes to disk
 * (hotspot's {@code JfrStorage::acquire_promotion_buffer}), so under this flood it keeps every event. The assertion
 * holds on both: lost events imply a {@code jdk.DataLoss}, no {@code jdk.DataLoss} implies every event is there. The
 * analyzer's handling of real losses is tested on a committed JDK 17 recording (analyzer/cli {@code DataLossTest}).
 */
class DataLossUnderLoadTest {
    private static final List<String> TINY_BUFFERS = List.of("-Xmx128m",
            "-XX:FlightRecorderOptions:globalbuffersize=512k,numglobalbuffers=2,threadbuffersize=8k,memorysize=1m");
    private static final int THREADS = 4;
    private static final int RESPONSES_PER_THREAD = 2000;

    @TempDir
    Path dir;

    @Test
    void theApplicationSeesNoExceptionAndEventsGoMissingOnlyWithADataLoss() throws Exception {
        Path file = dir.resolve("loss.jfr");
        String out = runChild(file, 2000);
        assertThat(out).as("the child's application counters").matches("(?s)opened=\\d+ unexpected=\\d+\\s*");
        long unexpected = Long.parseLong(out.replaceAll("(?s).*unexpected=(\\d+).*", "$1"));
        assertThat(unexpected).as("throwables the application caught").isZero();
        long opened = Long.parseLong(out.replaceAll("(?s).*opened=(\\d+).*", "$1"));
        assertThat(opened).isEqualTo(THREADS * RESPONSES_PER_THREAD);
        long lost = 0;
        long leakline = 0;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                String name = event.getEventType().getName();
                if (name.equals("jdk.DataLoss")) {
                    lost++;
                } else if (name.startsWith("leakline.")) {
                    leakline++;
                    assertThat(event.getLong("responseId")).isPositive();
                }
            }
        }
        // Each response read to its end writes three events: opened, drained, closed.
        long written = opened * 3;
        if (lost == 0) {
            assertThat(leakline).as("Leakline events kept without a jdk.DataLoss").isEqualTo(written);
        } else {
            assertThat(leakline).as("Leakline events kept beside %d jdk.DataLoss", lost).isPositive()
                    .isLessThanOrEqualTo(written);
        }
    }

    private String runChild(Path file, int flood) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(TINY_BUFFERS);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(FloodingService.class.getName());
        command.addAll(List.of(file.toString(), String.valueOf(THREADS), String.valueOf(RESPONSES_PER_THREAD),
                String.valueOf(flood)));
        Path out = dir.resolve("child.out");
        Path err = dir.resolve("child.err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the flooding child did not end in 180 s");
        }
        assertThat(process.exitValue()).as(Files.readString(err, StandardCharsets.UTF_8)).isZero();
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
