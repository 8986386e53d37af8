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
 * JFR losing data under load ({@code jdk.DataLoss}): a child JVM with the smallest buffers JFR accepts runs
 * response traffic beside a flood of large events. The application must see no exception, and the recording must
 * stay readable with the Leakline events that made it.
 */
class DataLossUnderLoadTest {
    private static final List<String> TINY_BUFFERS = List.of("-Xmx128m",
            "-XX:FlightRecorderOptions:globalbuffersize=512k,numglobalbuffers=2,threadbuffersize=8k,memorysize=1m");

    @TempDir
    Path dir;

    @Test
    void theApplicationSeesNoExceptionWhileJfrLosesData() throws Exception {
        int flood = 1000;
        for (int attempt = 1; attempt <= 3; attempt++, flood *= 2) {
            Path file = dir.resolve("loss-" + attempt + ".jfr");
            String out = runChild(file, flood);
            assertThat(out).as("the child's application counters").matches("(?s)opened=\\d+ unexpected=\\d+\\s*");
            long unexpected = Long.parseLong(out.replaceAll("(?s).*unexpected=(\\d+).*", "$1"));
            assertThat(unexpected).as("throwables the application caught").isZero();
            long opened = Long.parseLong(out.replaceAll("(?s).*opened=(\\d+).*", "$1"));
            assertThat(opened).isEqualTo(4 * 2000);
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
            assertThat(leakline).as("Leakline events that made it").isPositive();
            if (lost > 0) {
                System.out.printf("DataLoss under load: %d jdk.DataLoss events, %d Leakline events kept of %d "
                        + "written (attempt %d)%n", lost, leakline, opened * 3, attempt);
                return;
            }
        }
        throw new AssertionError("JFR wrote no jdk.DataLoss in 3 floods with tiny buffers");
    }

    private String runChild(Path file, int flood) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(TINY_BUFFERS);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(FloodingService.class.getName());
        command.addAll(List.of(file.toString(), "4", "2000", String.valueOf(flood)));
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
