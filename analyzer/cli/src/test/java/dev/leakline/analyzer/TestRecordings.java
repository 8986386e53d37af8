package dev.leakline.analyzer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import jdk.jfr.Recording;

/** Real in-process JFR recordings with the Leakline events and the thread events the analyzer reads. */
public final class TestRecordings {
    private TestRecordings() {
    }

    /** A scenario that may throw. */
    @FunctionalInterface
    public interface Scenario {
        void run() throws Exception;
    }

    /** Records {@code scenario} and dumps the recording to {@code dir/name}. */
    public static Path record(Path dir, String name, Scenario scenario) throws Exception {
        Path file = dir.resolve(name);
        try (Recording recording = new Recording()) {
            recording.enable("leakline.RequestStarted").withStackTrace();
            recording.enable("leakline.ResponseOpened").withStackTrace();
            recording.enable("leakline.ResponseDrained");
            recording.enable("leakline.ResponseClosed");
            recording.enable("leakline.ConnectionReleased");
            recording.enable("jdk.ThreadStart").withStackTrace();
            recording.enable("jdk.ThreadEnd");
            recording.enable("jdk.JVMInformation").with("period", "beginChunk");
            recording.start();
            scenario.run();
            recording.stop();
            recording.dump(file);
        }
        return file;
    }

    /** The repository's {@code recordings/} directory (the build runs tests from the module's directory). */
    public static Path bundledRoot() {
        return Path.of(System.getProperty("leakline.repoRoot", "../..")).resolve("recordings").normalize();
    }

    /**
     * Every bundled recording ({@code *.jfr} under {@link #bundledRoot()}, build output left out), sorted; fails when
     * there are fewer than {@code atLeast}, so a missing directory never passes as an empty list.
     */
    public static java.util.List<Path> bundled(int atLeast) throws IOException {
        Path root = bundledRoot();
        java.util.List<Path> recordings;
        try (java.util.stream.Stream<Path> files = Files.walk(root)) {
            recordings = files.filter(p -> p.getFileName().toString().endsWith(".jfr"))
                    .filter(p -> !p.toString().contains("/target/")).sorted().toList();
        }
        if (recordings.size() < atLeast) {
            throw new IllegalStateException(recordings.size() + " recordings under " + root + ", expected at least "
                    + atLeast);
        }
        return recordings;
    }

    /** Sleeps; the only way to make a response old in a real recording. Kept short (tests pass --min-age). */
    public static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code Class.method(File.java:line)} of the caller's caller's line, as the analyzer prints sites. */
    public static String callerSite() {
        StackWalker.StackFrame frame = StackWalker.getInstance().walk(s -> s.skip(1).findFirst()).orElseThrow();
        return frame.getClassName() + "." + frame.getMethodName() + "(" + frame.getFileName() + ":"
                + frame.getLineNumber() + ")";
    }

    /** Concatenates recordings: JFR files are sequences of chunks, and a repository is exactly that. */
    public static Path concat(Path target, Path... parts) throws IOException {
        try (var out = Files.newOutputStream(target)) {
            for (Path part : parts) {
                out.write(Files.readAllBytes(part));
            }
        }
        return target;
    }
}
