package dev.leakline.scenarios;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Makes recordings: one child JVM per scenario and client, started with {@code -XX:StartFlightRecording}
 * and the shipped {@code leakline.jfc}, writing {@code OUT/<client>/<scenario>.jfr} and its truth file.
 *
 * <pre>
 *   Regenerate --java-home /usr/lib/jvm/java-17-openjdk-amd64 --out recordings/jdk17 [--skip service] [client/scenario ...]
 * </pre>
 * {@code --jdk-clients-only} leaves out the clients that are not part of the JDK (their behaviour does not
 * change with it).
 * The children run on this JVM's class path (or {@code --classpath}).
 */
public final class Regenerate {
    private static final String JFC_RESOURCE = "/dev/leakline/jfr/leakline.jfc";

    private final Path javaHome;
    private final String classpath;
    private final Path jfc;
    /** The agent jar for the clients recorded under it ({@link ClientCases#underAgent()}), or null. */
    private Path agent;

    /**
     * A runner whose children run {@code javaHome}'s java on {@code classpath}.
     *
     * @throws IOException when the shipped settings cannot be extracted
     */
    public Regenerate(Path javaHome, String classpath) throws IOException {
        this.javaHome = javaHome;
        this.classpath = classpath;
        this.jfc = Files.createTempFile("leakline", ".jfc");
        this.jfc.toFile().deleteOnExit();
        try (InputStream in = Regenerate.class.getResourceAsStream(JFC_RESOURCE)) {
            if (in == null) {
                throw new IOException(JFC_RESOURCE + " is not on the class path: is leakline-jfr-events?");
            }
            Files.copy(in, jfc, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Command-line entry point; see the class comment. */
    public static void main(String[] args) throws Exception {
        Path javaHome = Path.of(System.getProperty("java.home"));
        Path out = null;
        String classpath = System.getProperty("java.class.path");
        List<String> skip = new ArrayList<>();
        List<String> only = new ArrayList<>();
        Path agent = null;
        boolean jdkClientsOnly = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--java-home":
                    javaHome = Path.of(args[++i]);
                    break;
                case "--out":
                    out = Path.of(args[++i]);
                    break;
                case "--classpath":
                    classpath = args[++i];
                    break;
                case "--agent":
                    agent = Path.of(args[++i]);
                    break;
                case "--jdk-clients-only":
                    jdkClientsOnly = true;
                    break;
                case "--skip":
                    skip.add(args[++i]);
                    break;
                default:
                    only.add(args[i]);
            }
        }
        if (out == null) {
            System.err.println("usage: Regenerate --out DIR [--java-home JDK] [--classpath CP] [--skip SCENARIO]"
                    + " [--jdk-clients-only] [--agent leakline-agent.jar] [client/scenario ...]");
            System.exit(2);
        }
        Regenerate runner = new Regenerate(javaHome, classpath);
        runner.agent = agent;
        for (String folder : Clients.folders()) {
            ClientCases client = Clients.byFolder(folder);
            for (Scenario scenario : Scenario.values()) {
                String id = folder + "/" + scenario.fileName();
                if (!scenario.recordedFor(client) || skip.contains(scenario.fileName())
                        || (jdkClientsOnly && !client.partOfTheJdk())
                        || (!only.isEmpty() && !only.contains(id))) {
                    continue;
                }
                if (client.underAgent() && agent == null) {
                    System.out.println(id + ": left as it was (recorded under the agent: give --agent)");
                    continue;
                }
                long start = System.nanoTime();
                Path jfr = runner.record(out.resolve(folder), folder, scenario);
                System.out.printf("%s: %s (%d KiB, %d s)%n", id, jfr, Files.size(jfr) / 1024,
                        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
            }
        }
    }

    /**
     * The class path without Leakline's own artifacts (the core and the adapters: installed jars or a reactor's
     * {@code jfr-events/.../target/...}), for a child run under the agent.
     */
    static String withoutLeakline(String classpath) {
        List<String> kept = new ArrayList<>();
        for (String entry : classpath.split(java.io.File.pathSeparator)) {
            String name = Path.of(entry).getFileName() == null ? entry : Path.of(entry).getFileName().toString();
            boolean leakline = name.startsWith("leakline-jfr-events") || name.startsWith("leakline-httpclient")
                    || name.startsWith("leakline-okhttp")
                    || entry.replace('\\', '/').matches(".*/jfr-events/[^/]+/target/.*");
            if (!leakline) {
                kept.add(entry);
            }
        }
        return String.join(java.io.File.pathSeparator, kept);
    }

    /**
     * Runs {@code scenario} for the client in {@code folder} and writes {@code dir/<scenario>.jfr} and
     * {@code dir/<scenario>.truth.json}.
     *
     * @return the recording
     * @throws IOException when the child JVM fails or times out; the message holds its output
     */
    public Path record(Path dir, String folder, Scenario scenario) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        String name = scenario.fileName();
        Path jfr = dir.resolve(name + ".jfr").toAbsolutePath();
        Path truth = dir.resolve(name + ".truth.json").toAbsolutePath();
        Files.deleteIfExists(jfr);
        Files.deleteIfExists(truth);
        Path log = Files.createTempFile("leakline-scenario", ".log");
        ClientCases client = Clients.byFolder(folder);
        List<String> command = new ArrayList<>(List.of(javaHome.resolve("bin").resolve("java").toString()));
        String childClasspath = classpath;
        if (client.underAgent()) {
            // The scenario code of such a client makes no Leakline call; the agent brings the only copy of Leakline.
            command.add("-javaagent:" + agent.toAbsolutePath());
            childClasspath = withoutLeakline(classpath);
        }
        command.addAll(List.of(
                "-XX:StartFlightRecording:settings=default,settings=" + jfc + ",filename=" + jfr
                        + ",dumponexit=true" + scenario.jfrOptions(),
                "-Xlog:jfr+startup=warning",
                "-Dleakline.service.seconds=" + Long.getLong("leakline.service.seconds",
                        Scenario.SERVICE_SECONDS_DEFAULT),
                "-cp", childClasspath,
                ScenarioMain.class.getName(), name, folder, truth.toString(), jfr.getFileName().toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long timeout = scenario == Scenario.SERVICE
                ? Long.getLong("leakline.service.seconds", Scenario.SERVICE_SECONDS_DEFAULT) + 90 : 90;
        if (!p.waitFor(timeout, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(name + " (" + folder + ") did not finish in " + timeout + " s:\n"
                    + Files.readString(log));
        }
        String output = Files.readString(log);
        Files.delete(log);
        output.lines().filter(l -> l.startsWith("live threads")).forEach(l -> System.out.println("  " + l));
        if (p.exitValue() != 0 || !Files.exists(jfr) || !Files.exists(truth)) {
            throw new IOException(name + " (" + folder + ") failed with status " + p.exitValue() + ":\n" + output);
        }
        return jfr;
    }
}
