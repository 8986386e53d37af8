package dev.leakline.analyzer.robust;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two JVMs' recordings analyzed together, the first chunk of one of them damaged: the window of lost events that
 * chunk leaves belongs to its own JVM run (found from the clock origin in its header, or from the next chunk of its
 * file), so the other JVM's leak stays a certain leak.
 */
class LossWindowsStayInTheirRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path record(String name, int chunks) throws Exception {
        Path file = dir.resolve(name);
        ChildJvm.Result child = ChildJvm.run(ChildJvm.currentJava(), List.of("-Xmx128m"), RecordChunks.class.getName(),
                List.of(file.toString(), String.valueOf(chunks)), dir, 120);
        assertThat(child.exitCode()).as(child.err()).isZero();
        return file;
    }

    /**
     * Damages the first chunk as an unfinished write leaves it: its duration still 0 (so its window of lost events
     * runs from its start to the end of everything) and a block of its body zeroed (so it cannot be parsed).
     */
    private static void damageFirstChunk(Path file) throws Exception {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(8);
            long size = raf.readLong();
            raf.seek(40);
            raf.writeLong(0);
            raf.seek(68);
            raf.write(new byte[(int) Math.min(4096, size / 2)]);
        }
    }

    @Test
    void aDamagedFirstChunkOfOneJvmLeavesAnotherJvmsLeakCertain() throws Exception {
        Path damaged = record("two-chunks.jfr", 2);
        Path other = record("other-jvm.jfr", 1);
        damageFirstChunk(damaged);

        RobustCli.Run run;
        try (RobustCli cli = new RobustCli(Duration.ofSeconds(60))) {
            run = cli.run("analyze", "--format", "json", "--min-age", "1ms", damaged.toString(), other.toString());
        }

        JsonNode report = JSON.readTree(run.out());
        assertThat(report.at("/recording/runs")).hasSize(2);
        assertThat(report.at("/recording/dataLoss")).hasSize(1);
        List<String> leaks = new ArrayList<>();
        report.path("responses").forEach(r -> {
            if (r.path("uri").asText().endsWith("/leaked")) {
                // The damaged JVM's round 1 was opened just before its recording stopped: leaked or in flight
                // depending on a fraction of a millisecond, so only its uncertainty is compared.
                String verdict = r.path("uri").asText().contains("/round/1/") ? "" : r.path("verdict").asText() + " ";
                leaks.add(r.path("uri").asText().replace("http://127.0.0.1:8080", "") + " " + verdict
                        + r.path("uncertain").asBoolean());
            }
        });
        // The other JVM's round 0 is certain; the damaged JVM's round 1 (its second chunk) may have lost its close.
        assertThat(leaks).containsExactlyInAnyOrder("/round/0/leaked leaked false", "/round/1/leaked true");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    }
}
