package dev.leakline.analyzer.robust;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.leakline.jfr.Actor;
import dev.leakline.jfr.Leakline;
import dev.leakline.jfr.TrackedResponse;
import jdk.jfr.Recording;

/**
 * The recordings the robustness tests damage: real ones made here with {@code jdk.jfr} and the Leakline core API
 * (one chunk, and many chunks), plus the committed recordings under {@code recordings/}.
 */
final class SourceRecordings {
    /** Responses kept open on purpose: leaked ones must stay unclosed until the recording ends. */
    private static final List<TrackedResponse> KEPT_OPEN = new ArrayList<>();

    private SourceRecordings() {
    }

    /** A recording of the Leakline events and the JDK events the analyzer reads, to disk so chunks can rotate. */
    static Recording leaklineRecording() {
        Recording recording = new Recording();
        recording.enable("leakline.ResponseOpened").withStackTrace();
        recording.enable("leakline.ResponseDrained");
        recording.enable("leakline.ResponseClosed");
        recording.enable("leakline.ConnectionReleased");
        recording.enable("jdk.ThreadStart").withStackTrace();
        recording.enable("jdk.ThreadEnd");
        recording.enable("jdk.JVMInformation").with("period", "beginChunk");
        recording.setToDisk(true);
        return recording;
    }

    /**
     * Records {@code chunks} chunks, each with a drained, a closed-unread and a leaked response, and dumps them to
     * {@code file}. Starting and stopping a second recording makes JFR rotate to a new chunk each time.
     */
    static Path record(Path file, int chunks) throws IOException {
        try (Recording recording = leaklineRecording()) {
            recording.start();
            for (int c = 0; c < chunks; c++) {
                traffic(c);
                if (c < chunks - 1) {
                    try (Recording rotate = new Recording()) {
                        rotate.start();
                        rotate.stop();
                    }
                }
            }
            recording.stop();
            recording.dump(file);
        }
        return file;
    }

    /** One drained, one closed before its end, one left open; through the public API as an adapter would. */
    static void traffic(int round) throws IOException {
        String base = "http://127.0.0.1:8080/round/" + round;
        TrackedResponse drained = Leakline.responseOpened("robust", 0, "GET", base + "/drained", 200, "HTTP/1.1", 4);
        try (InputStream body = Leakline.trackBody(new ByteArrayInputStream(new byte[4]), drained)) {
            body.readAllBytes();
        }
        TrackedResponse early = Leakline.responseOpened("robust", 0, "GET", base + "/early", 200, "HTTP/1.1", 4);
        try (InputStream body = Leakline.trackBody(new ByteArrayInputStream(new byte[4]), early)) {
            body.read();
        }
        TrackedResponse leaked = Leakline.responseOpened("robust", 0, "GET", base + "/leaked", 200, "HTTP/1.1", 4);
        synchronized (KEPT_OPEN) {
            KEPT_OPEN.add(leaked);
        }
    }

    /** Closes what {@link #traffic} left open, so later recordings in this JVM don't see stale handles. */
    static void closeKeptOpen() {
        synchronized (KEPT_OPEN) {
            KEPT_OPEN.forEach(r -> r.closed(Actor.APPLICATION));
            KEPT_OPEN.clear();
        }
    }

    /** The repository root: set by surefire ({@code leakline.repoRoot}), else the parent of the module. */
    static Path repoRoot() {
        return Path.of(System.getProperty("leakline.repoRoot", "../..")).toAbsolutePath().normalize();
    }

    /** The committed recordings ({@code recordings/**}/*.jfr), non-empty ones, by path. */
    static List<Path> committed() throws IOException {
        Path root = repoRoot().resolve("recordings");
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".jfr"))
                    .filter(p -> !p.toString().contains("/target/"))
                    .filter(SourceRecordings::nonEmpty)
                    .sorted()
                    .toList();
        }
    }

    private static boolean nonEmpty(Path p) {
        try {
            return Files.size(p) > 0;
        } catch (IOException e) {
            return false;
        }
    }
}
