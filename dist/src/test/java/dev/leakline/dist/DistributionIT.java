package dev.leakline.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built {@code leakline-VERSION.zip} as a user gets it: unpacked into an empty directory and run with nothing but
 * the build's own JDK, an otherwise empty PATH, no Maven, no repository files, the working directory outside the
 * repository. bin/leakline is a POSIX sh script, so this runs on Linux and macOS (CI is Linux).
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "bin/leakline is the POSIX launcher; leakline.cmd is for Windows")
class DistributionIT {
    private static final String VERSION = System.getProperty("leakline.expectedVersion");
    private static final Path JDK = Paths.get(System.getProperty("java.home"));
    private static final int NO_JAVA = 5;

    @TempDir
    static Path root;
    static Path home;
    static Map<String, Integer> zipModes;
    /** An otherwise empty directory that stands for the PATH: no java, no mvn, nothing else. */
    static Path emptyPath;

    @BeforeAll
    static void unpack() throws IOException {
        assertThat(VERSION).as("set by failsafe from ${project.version}").isNotBlank().doesNotContain("${");
        Path unpacked = Files.createDirectory(root.resolve("unpacked"));
        zipModes = Archives.unzip(Paths.get(System.getProperty("leakline.dist.zip")), unpacked);
        home = unpacked.resolve("leakline-" + VERSION);
        emptyPath = Files.createDirectory(root.resolve("empty-path"));
    }

    @Test
    void archivesHoldTheLaunchersJarSettingsLicenseAndReadme() throws IOException {
        String base = "leakline-" + VERSION + "/";
        assertThat(zipModes.keySet()).contains(base + "bin/leakline", base + "bin/leakline.cmd",
                base + "lib/leakline.jar", base + "leakline.jfc", base + "LICENSE", base + "README.md");
        assertThat(zipModes).containsEntry(base + "bin/leakline", 0755);
        Map<String, Integer> tarModes = Archives.tarModes(Paths.get(System.getProperty("leakline.dist.tgz")));
        assertThat(files(tarModes.keySet())).isEqualTo(files(zipModes.keySet()));
        assertThat(tarModes).containsEntry(base + "bin/leakline", 0755);

        assertThat(Files.readAllBytes(home.resolve("leakline.jfc")))
                .isEqualTo(Files.readAllBytes(Paths.get(System.getProperty("leakline.jfc"))));
        assertThat(Files.readString(home.resolve("LICENSE"))).contains("Apache License", "Version 2.0, January 2004");
        assertThat(Files.readString(home.resolve("README.md"))).startsWith("# Leakline " + VERSION + "\n")
                .doesNotContain("${");
        String readme = Files.readString(home.resolve("README.md"));
        if (Boolean.getBoolean("leakline.dist.withAgent")) {
            // The agent module is in the build (dist's with-agent profile): its jar ships, and the README says so.
            assertThat(zipModes.keySet()).contains(base + "lib/leakline-agent.jar");
            try (JarFile agent = new JarFile(home.resolve("lib/leakline-agent.jar").toFile())) {
                assertThat(agent.getManifest().getMainAttributes().getValue("Premain-Class")).isNotBlank();
            }
            assertThat(readme).contains("| `lib/leakline-agent.jar` |");
        } else {
            assertThat(zipModes.keySet()).doesNotContain(base + "lib/leakline-agent.jar");
            assertThat(readme).doesNotContain("leakline-agent.jar");
        }
        String cmd = Files.readString(home.resolve("bin/leakline.cmd"));
        assertThat(cmd).contains("\r\n").contains("lib\\leakline.jar").contains("exit /b 5");
        assertThat(Files.readString(home.resolve("bin/leakline"))).startsWith("#!/bin/sh\n").doesNotContain("\r");
    }

    @Test
    void versionWithJavaHome() throws Exception {
        Run run = run(List.of("--version"), javaHome(JDK), root);

        assertThat(run.exit).as(run.err).isZero();
        assertThat(run.out).isEqualTo("leakline " + VERSION + "\n");
        assertThat(run.err).isEmpty();
    }

    @Test
    void versionWithJavaOnThePathThroughASymlinkedLauncher() throws Exception {
        Path path = Files.createDirectory(root.resolve("path-with-java"));
        Files.createSymbolicLink(path.resolve("java"), JDK.resolve("bin/java"));
        Files.createSymbolicLink(path.resolve("leakline"), home.resolve("bin/leakline"));
        // The launcher reads the link with `ls` (POSIX sh has no readlink), which every system has on its PATH.
        Path ls = Files.exists(Paths.get("/bin/ls")) ? Paths.get("/bin/ls") : Paths.get("/usr/bin/ls");
        Files.createSymbolicLink(path.resolve("ls"), ls);

        Run run = run(List.of(path.resolve("leakline").toString(), "--version"), env(path, null), root);

        assertThat(run.exit).as(run.err).isZero();
        assertThat(run.out).isEqualTo("leakline " + VERSION + "\n");
    }

    @Test
    void analyzesACommittedRecording() throws Exception {
        Path source = Paths.get(System.getProperty("leakline.recordings.dir"), "jdk17", "java-net-http");
        Path work = Files.createDirectory(root.resolve("work"));
        Files.copy(source.resolve("four-cases-small.jfr"), work.resolve("four-cases-small.jfr"));
        // The truth the scenario program wrote when it made the recording: which responses it leaked, and where.
        JsonNode truth = new ObjectMapper().readTree(source.resolve("four-cases-small.truth.json").toFile());
        List<String> leakedSites = new ArrayList<>();
        for (JsonNode response : truth.get("responses")) {
            if (response.get("expected").asText().equals("leaked")) {
                leakedSites.add(response.get("site").asText());
            }
        }
        assertThat(new TreeSet<>(leakedSites)).hasSize(1);
        String site = leakedSites.get(0);
        String shortSite = site.substring(site.lastIndexOf('.', site.lastIndexOf('.', site.indexOf('(')) - 1) + 1);

        Run text = run(List.of("analyze", "four-cases-small.jfr"), javaHome(JDK), work);

        assertThat(text.exit).as(text.err).isEqualTo(1);
        assertThat(text.out.lines()).contains("Leakline: " + leakedSites.size() + " leaked responses at 1 site (min age 5s)",
                "1. " + shortSite);

        Run json = run(List.of("analyze", "four-cases-small.jfr", "--format", "json"), javaHome(JDK), work);

        assertThat(json.exit).as(json.err).isEqualTo(1);
        JsonNode report = new ObjectMapper().readTree(json.out);
        assertThat(report.at("/summary/verdicts/leaked").asInt()).isEqualTo(leakedSites.size());
        List<String> leakFindings = new ArrayList<>();
        for (JsonNode finding : report.get("findings")) {
            if (finding.get("kind").asText().equals("leaked")) {
                leakFindings.add(finding.get("site").asText() + " x" + finding.get("count").asInt());
            }
        }
        assertThat(leakFindings).containsExactly(site + " x" + leakedSites.size());
    }

    @Test
    void javaHomePointingNowhereIsOneLineAndExit4() throws Exception {
        Path missing = root.resolve("no-such-jdk");

        Run run = run(List.of("analyze", "app.jfr"), javaHome(missing), root);

        assertThat(run.exit).isEqualTo(NO_JAVA);
        assertThat(run.out).isEmpty();
        assertThat(run.err).isEqualTo("leakline: JAVA_HOME is set to '" + missing + "' but " + missing
                + "/bin/java is not an executable; point JAVA_HOME to a Java 17+ installation or unset it to use java "
                + "from the PATH.\n");
    }

    @Test
    void noJavaAnywhereIsOneLineAndExit4() throws Exception {
        Run run = run(List.of("--version"), env(emptyPath, null), root);

        assertThat(run.exit).isEqualTo(NO_JAVA);
        assertThat(run.out).isEmpty();
        assertThat(run.err).isEqualTo("leakline: no Java found: install Java 17 or later, then put its bin directory "
                + "on the PATH or set JAVA_HOME.\n");
    }

    @Test
    void javaOlderThan17IsOneLineAndExit4() throws Exception {
        for (String old : List.of("11.0.22", "1.8.0_392")) {
            Path fakeHome = fakeJava("java-" + old, old);

            Run run = run(List.of("--version"), javaHome(fakeHome), root);

            assertThat(run.exit).as(old).isEqualTo(NO_JAVA);
            assertThat(run.out).as(old).isEmpty();
            assertThat(run.err).isEqualTo("leakline: Java " + old + " at " + fakeHome + "/bin/java is too old: the "
                    + "analyzer needs Java 17 or later (set JAVA_HOME to a newer one).\n");
        }
    }

    @Test
    void passesLeaklineJavaOptsAndArgumentsAsGiven() throws Exception {
        Path fakeHome = fakeJava("java-21", "21.0.5");
        String[] env = javaHome(fakeHome);
        env = Arrays.copyOf(env, env.length + 1);
        env[env.length - 1] = "LEAKLINE_JAVA_OPTS=-Xmx2g  -Dleakline.example=*";

        Run run = run(List.of("analyze", "my app.jfr"), env, root);

        assertThat(run.exit).as(run.err).isZero();
        assertThat(run.out.lines()).containsExactly("[-Xmx2g]", "[-Dleakline.example=*]", "[-jar]",
                "[" + home.toRealPath().resolve("lib/leakline.jar") + "]", "[analyze]", "[my app.jfr]");
    }

    /** The names of files (not directories: the tar has no entries for those) in sorted order. */
    private static TreeSet<String> files(java.util.Set<String> names) {
        TreeSet<String> files = new TreeSet<>();
        for (String name : names) {
            if (!name.endsWith("/")) {
                files.add(name);
            }
        }
        return files;
    }

    /** A JAVA_HOME whose bin/java reports {@code version} like the JDK does and otherwise prints its arguments. */
    private static Path fakeJava(String name, String version) throws IOException {
        Path fakeHome = root.resolve(name);
        Path java = Files.createDirectories(fakeHome.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\n"
                + "if [ \"$1\" = -version ]; then\n"
                + "  echo 'openjdk version \"" + version + "\" 2024-01-16' >&2\n"
                + "  echo 'OpenJDK Runtime Environment (build " + version + ")' >&2\n"
                + "  exit 0\n"
                + "fi\n"
                + "for a in \"$@\"; do printf '[%s]\\n' \"$a\"; done\n");
        Files.setPosixFilePermissions(java, Archives.permissions(0755));
        return fakeHome;
    }

    private static String[] javaHome(Path javaHome) {
        return env(emptyPath, javaHome);
    }

    private static String[] env(Path path, Path javaHome) {
        List<String> env = new ArrayList<>();
        env.add("PATH=" + path);
        env.add("HOME=" + root);
        if (javaHome != null) {
            env.add("JAVA_HOME=" + javaHome);
        }
        return env.toArray(new String[0]);
    }

    private static Run run(List<String> args, String[] env, Path cwd) throws Exception {
        List<String> command = new ArrayList<>();
        if (args.isEmpty() || !args.get(0).startsWith("/")) {
            command.add(home.resolve("bin/leakline").toString());
        }
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile());
        builder.environment().clear();
        for (String entry : env) {
            int eq = entry.indexOf('=');
            builder.environment().put(entry.substring(0, eq), entry.substring(eq + 1));
        }
        Path out = Files.createTempFile(root, "out", ".txt");
        Path err = Files.createTempFile(root, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("bin/leakline " + args + " did not finish in 120 s");
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static final class Run {
        final int exit;
        final String out;
        final String err;

        Run(int exit, String out, String err) {
            this.exit = exit;
            this.out = out;
            this.err = err;
        }
    }
}
