package dev.leakline.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where reports go: {@code analyze -o}, and what happens when the target cannot take them. A report that could not be
 * written completely is one line and exit code 4, never a cut file or a success-looking exit code. A full disk is
 * made real in a child JVM: standard output on /dev/full, and a file-size limit ({@code ulimit -f}, which the JVM
 * turns into "File too large" errors) for {@code -o}. An unwritable directory must fail as root too (the tests run
 * as root): /proc takes no new files from anyone.
 */
class OutputTargetsTest {
    private static final Path SERVICE = Path.of(System.getProperty("leakline.repoRoot", "../.."))
            .resolve("recordings/jdk17/java-net-http/service.jfr").normalize().toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void analyzeWritesTheReportToTheFileNamedByDashO() throws Exception {
        Path json = dir.resolve("report.json");
        Files.writeString(json, "an older report, to be replaced");

        Cli.Result result = Cli.run("analyze", "--format", "json", "-o", json, SERVICE);

        assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
        assertThat(result.out()).startsWith("Wrote " + json + " (");
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.get("exitCode").asInt()).isEqualTo(1);
        assertThat(report.at("/summary/verdicts/leaked").asLong()).isPositive();
        assertThat(files(dir)).as("no temporary file is left").containsExactly(json);
        // The mode of any new file (the umask's), not a temporary file's private 0600.
        Path plain = Files.createFile(dir.resolve("plain"));
        assertThat(Files.getPosixFilePermissions(json)).isEqualTo(Files.getPosixFilePermissions(plain));
    }

    @Test
    void anUnwritableDirectoryIsOneLineAndExitFourBeforeAnyReading() {
        Path target = Path.of("/proc/leakline-report-" + System.nanoTime() + ".json");

        Cli.Result result = Cli.run("analyze", "--format", "json", "-o", target, SERVICE);

        assertThat(result.exitCode()).as(result.err()).isEqualTo(4);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("leakline: -o " + target + ": cannot write in /proc (No such file or"
                + " directory)" + System.lineSeparator());
        assertThat(target).doesNotExist();
    }

    @Test
    void aTargetUnderARegularFileIsAUsageError() throws Exception {
        Path file = Files.writeString(dir.resolve("somefile"), "a file, not a directory");
        Path target = file.resolve("report.html");

        Cli.Result result = Cli.run("report", "-o", target, SERVICE);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("leakline: -o " + target + ": " + file + " is a file, not a directory"
                + System.lineSeparator());
        assertThat(files(dir)).containsExactly(file);
    }

    /** Before: exit 1 (the leak verdict), nothing on stderr, and whatever part of the JSON fit. */
    @Test
    void aFullDiskOnStandardOutputIsOneLineAndExitFour() throws Exception {
        ProcessBuilder leakline = leakline("analyze", "--format", "json", SERVICE.toString());
        leakline.redirectOutput(new File("/dev/full"));

        Child child = run(leakline);

        assertThat(child.exitCode()).as(child.err()).isEqualTo(4);
        assertThat(child.err()).isEqualTo("leakline: cannot write the report to standard output (No space left on"
                + " device); what was written is incomplete\n");
    }

    /**
     * The report is written beside the target and renamed when complete: when the disk fills up part way, the older
     * report is left as it was and no part of the new one stays behind.
     */
    @Test
    void aFullDiskUnderDashOLeavesTheOlderReportAndNoPartialFile() throws Exception {
        Path html = dir.resolve("report.html");
        Files.writeString(html, "the older report");
        // bash's ulimit -f counts KiB: the HTML report of this recording is far larger than 16 KiB.
        ProcessBuilder leakline = new ProcessBuilder("bash", "-c", "ulimit -f 16 && exec \"$@\"", "leakline");
        leakline.command().addAll(leakline("report", "-o", html.toString(), SERVICE.toString()).command());

        Child child = run(leakline);

        assertThat(child.exitCode()).as(child.err()).isEqualTo(4);
        assertThat(child.err()).isEqualTo("leakline: -o " + html + ": cannot write (File too large); nothing was"
                + " written\n");
        assertThat(Files.readString(html)).isEqualTo("the older report");
        assertThat(files(dir)).containsExactlyInAnyOrder(html, dir.resolve("leakline.err"), dir.resolve("leakline.out"));
    }

    /** The real entry point ({@code Main}, with its own standard output) in a child JVM. */
    private static ProcessBuilder leakline(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:-UsePerfData", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), "dev.leakline.analyzer.cli.Main"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    private record Child(int exitCode, String err) {
    }

    private Child run(ProcessBuilder builder) throws Exception {
        Path err = dir.resolve("leakline.err");
        if (builder.redirectOutput() == ProcessBuilder.Redirect.PIPE) {
            builder.redirectOutput(dir.resolve("leakline.out").toFile());
        }
        Process process = builder.redirectError(err.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("leakline did not end within 120 s");
        }
        return new Child(process.exitValue(), Files.readString(err, StandardCharsets.UTF_8));
    }

    private static List<Path> files(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }
}
