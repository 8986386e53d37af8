package dev.leakline.analyzer.robust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Recordings from other JDKs. This machine has JDK 17 (the test JVM) and JDK 25 (a child JVM, when installed);
 * JDK 11 and 21 are not tested (see docs/robustness.md). Older formats are crafted: a JDK 7/8 (format 0.9) or
 * JDK 9/10 (format 1.0) file cannot hold Leakline events (the library needs Java 11), so the analyzer must refuse it
 * with one line that names the JDK, not misread it or blame damage.
 */
class JdkVersionsTest {
    private static final Path JDK25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    @AfterAll
    static void closeOpen() {
        SourceRecordings.closeKeptOpen();
    }

    @Test
    void readsARecordingOfThisJdk() throws Exception {
        Path file = SourceRecordings.record(dir.resolve("jdk" + Runtime.version().feature() + ".jfr"), 2);
        assertReadsTwoChunksOfTraffic(file);
    }

    @Test
    void readsARecordingOfJdk25() throws Exception {
        assumeTrue(Files.isExecutable(JDK25), "no JDK 25 at " + JDK25);
        Path file = dir.resolve("jdk25.jfr");
        ChildJvm.Result child = ChildJvm.run(JDK25, List.of("-Xmx128m"), RecordTraffic.class.getName(),
                List.of(file.toString(), "2"), dir, 120);
        assertThat(child.exitCode()).as(child.err()).isZero();
        assertThat(child.out().trim()).isEqualTo("25");
        assertReadsTwoChunksOfTraffic(file);
    }

    private static void assertReadsTwoChunksOfTraffic(Path file) throws Exception {
        RobustCli.Run run;
        try (RobustCli cli = new RobustCli(Duration.ofSeconds(60))) {
            run = cli.run("analyze", "--format", "json", "--min-age", "1ms", file.toString());
        }
        assertThat(run.err()).isEmpty();
        // The parser's java.util.logging output would reach the user's terminal beside our report.
        assertThat(run.logged()).as("what the parser logged reading %s", file.getFileName()).isEmpty();
        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.path("warnings")).isEmpty();
        assertThat(report.path("recording").path("chunks")).allSatisfy(
                c -> assertThat(c.path("outcome").asText()).isEqualTo("read"));
        // Two rounds of SourceRecordings.traffic: each one drained, one closed early, one left open. Times vary with
        // the machine (a slow first close can be 'recovered'), so count responses and check the open one of round 0.
        assertThat(report.path("summary").path("responses").asLong()).isEqualTo(6);
        assertThat(report.path("responses")).anySatisfy(r -> {
            assertThat(r.path("uri").asText()).endsWith("/round/0/leaked");
            assertThat(r.path("verdict").asText()).isEqualTo("leaked");
        });
    }

    /** A real JDK 17 chunk relabelled, and a bare header: both claim an old format. */
    @ParameterizedTest(name = "format {0}.{1}, JDK {2}, whole chunk {3}")
    @CsvSource({"0, 9, 7 or 8, true", "0, 9, 7 or 8, false", "1, 0, 9 or 10, true", "1, 0, 9 or 10, false"})
    void refusesAPreJdk11RecordingSayingWhy(short major, short minor, String jdk, boolean wholeChunk)
            throws Exception {
        Path file = dir.resolve("format-" + major + "." + minor + "-" + wholeChunk + ".jfr");
        Files.write(file, withVersion(wholeChunk, major, minor));

        RobustCli.Run run;
        try (RobustCli cli = new RobustCli(Duration.ofSeconds(60))) {
            run = cli.run("analyze", file.toString());
        }
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err().lines().toList()).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .contains("JDK " + jdk).contains("JDK 11");
    }

    @Test
    void refusesANewerFormatSayingWhich() throws Exception {
        Path file = Files.write(dir.resolve("format-3.0.jfr"), withVersion(true, (short) 3, (short) 0));

        RobustCli.Run run;
        try (RobustCli cli = new RobustCli(Duration.ofSeconds(60))) {
            run = cli.run("analyze", file.toString());
        }
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().toList()).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .contains("3.0");
    }

    private static byte[] withVersion(boolean wholeChunk, short major, short minor) throws Exception {
        byte[] bytes;
        if (wholeChunk) {
            bytes = Files.readAllBytes(SourceRecordings.record(dir.resolve("source-" + major + minor + ".jfr"), 1));
        } else {
            bytes = new byte[Chunks.HEADER];
            ByteBuffer.wrap(bytes).putInt(0, 0x464c5200).putLong(8, Chunks.HEADER);
        }
        ByteBuffer.wrap(bytes).putShort(4, major).putShort(6, minor);
        return bytes;
    }
}
