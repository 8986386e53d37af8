package dev.leakline.analyzer;

import java.nio.file.Path;

import dev.leakline.jfr.Actor;
import dev.leakline.jfr.Leakline;
import dev.leakline.jfr.TrackedResponse;
import jdk.jfr.Recording;

/**
 * Runs in a child JVM started by {@link SharedClockOriginTest}: one recording that names its JVM
 * ({@code jdk.JVMInformation}), then one that does not (the Leakline events alone, as with {@code leakline.jfc}), each
 * with one response opened and closed. Arguments: the named file, the unnamed file.
 */
public final class SharedOriginScenario {
    private SharedOriginScenario() {
    }

    public static void main(String[] args) throws Exception {
        record(Path.of(args[0]), true);
        record(Path.of(args[1]), false);
    }

    private static void record(Path file, boolean named) throws Exception {
        try (Recording recording = new Recording()) {
            recording.enable("leakline.ResponseOpened");
            recording.enable("leakline.ResponseClosed");
            if (named) {
                recording.enable("jdk.JVMInformation").with("period", "beginChunk");
            }
            recording.start();
            TrackedResponse response = Leakline.responseOpened("c", 0, "GET", "http://h/" + file.getFileName(), 200,
                    "HTTP/1.1", 0);
            response.closed(Actor.APPLICATION);
            recording.stop();
            recording.dump(file);
        }
    }
}
