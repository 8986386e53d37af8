package dev.leakline.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import javax.management.ObjectName;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.leakline.jfr.Leakline;

/**
 * The directory given as {@code -XX:FlightRecorderOptions:repository=DIR} (or {@code jcmd JFR.configure
 * repositorypath=DIR}): JFR writes each JVM's chunks to a timestamped subdirectory of it. A real repository, made by
 * pointing this JVM's JFR at a temporary directory while a recording runs.
 */
class RepositoryDirectoryTest {
    @TempDir
    Path root;

    @Test
    void theRootIsReadThroughItsOnlyRunAndSeveralRunsAreNamed() throws Exception {
        configureRepository(root);
        try (Recording recording = new Recording()) {
            recording.enable("leakline.ResponseOpened").withStackTrace();
            recording.enable("jdk.JVMInformation").with("period", "beginChunk");
            recording.start();
            Leakline.responseOpened("c", 0, "GET", "http://h/in-the-repository", 200, "HTTP/1.1", 1);
            recording.stop();
            // Stopped, not closed: its chunk stays in the repository.
            List<Path> runs = subdirectories(root);
            assertThat(runs).hasSize(1);
            Path run = runs.get(0);
            assertThat(run.getFileName().toString()).matches("\\d{4}(_\\d{2}){5}_" + ProcessHandle.current().pid());

            Cli.Result result = Cli.run("analyze", "--format", "json", "--min-age", "0ms", root);

            assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
            JsonNode report = new ObjectMapper().readTree(result.out());
            assertThat(report.at("/responses/0/uri").asText()).isEqualTo("http://h/in-the-repository");
            assertThat(report.at("/recording/chunks/0/source").asText()).startsWith(run + "/")
                    .endsWith(".jfr");

            // Another JVM's (older) run in the same repository: which one is meant is the user's call.
            Path older = Files.createDirectories(root.resolve("2020_01_02_03_04_05_42"));
            try (Stream<Path> chunks = Files.list(run)) {
                for (Path chunk : chunks.filter(f -> f.toString().endsWith(".jfr")).toList()) {
                    Files.copy(chunk, older.resolve(chunk.getFileName()));
                }
            }

            Cli.Result ambiguous = Cli.run("analyze", root);

            assertThat(ambiguous.exitCode()).isEqualTo(2);
            assertThat(ambiguous.out()).isEmpty();
            assertThat(ambiguous.err()).isEqualTo("leakline: " + root + ": a JFR repository with the recordings of"
                    + " 2 JVMs; pass the one to read (or several): " + run + " (newest), " + older
                    + System.lineSeparator());
        } finally {
            // Back to a repository in the temporary directory, where JFR keeps it by default.
            configureRepository(Path.of(System.getProperty("java.io.tmpdir")));
        }
    }

    /** {@code jcmd <this pid> JFR.configure repositorypath=DIR}, through the diagnostic command MBean. */
    private static void configureRepository(Path dir) throws Exception {
        ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
                "jfrConfigure", new Object[] {new String[] {"repositorypath=" + dir}},
                new String[] {String[].class.getName()});
    }

    private static List<Path> subdirectories(Path dir) throws Exception {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory).sorted().toList();
        }
    }
}
