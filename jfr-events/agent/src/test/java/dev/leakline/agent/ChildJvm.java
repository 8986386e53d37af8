package dev.leakline.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A child JVM run to its end: the JDK it ran on, its exit code, and what it printed. */
record ChildJvm(Jdk jdk, int exitCode, String stdout, String stderr) {
    /** The agent jar this build made (the failsafe configuration passes its path). */
    static Path agentJar() {
        String jar = System.getProperty("leakline.agent.jar");
        assertThat(jar).as("leakline.agent.jar (set by the module's failsafe configuration)").isNotBlank();
        assertThat(Path.of(jar)).exists();
        return Path.of(jar);
    }

    /** This test's own classes: the unmodified programs the child runs. */
    static Path programClasses() throws Exception {
        return Path.of(ChildJvm.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /**
     * Runs {@code mainClass} on {@code jdk} with {@code jvmOptions} (the agent, the recording) and the program
     * classes on the class path; at most 60 s.
     */
    static ChildJvm run(Jdk jdk, List<String> jvmOptions, String classPath, String mainClass, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(jdk.java().toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(List.of(args));
        Path out = Files.createTempFile("child", ".out");
        Path err = Files.createTempFile("child", ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("child JVM did not finish in 60 s: " + command);
        }
        ChildJvm result = new ChildJvm(jdk, process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        return result;
    }

    /** The lines the agent printed (each starts with {@code leakline-agent:}). */
    List<String> agentLines() {
        return (stdout + "\n" + stderr).lines().filter(l -> l.startsWith("leakline-agent:")).toList();
    }
}
