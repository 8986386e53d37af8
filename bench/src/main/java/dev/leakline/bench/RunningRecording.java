package dev.leakline.bench;

import dev.leakline.jfr.Leakline;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A JDK Flight Recorder recording with the shipped {@code leakline.jfc}, running for one whole trial
 * (warm-up and measurement) of a benchmark that asks for it. Benchmarks that do not ask for it run
 * with nothing recording.
 *
 * <p>The recording goes to disk, as with {@code -XX:StartFlightRecording}, so the recorder thread's
 * flushing is part of the cost; its size is capped so a long run cannot fill the disk. Only
 * {@code leakline.jfc} is applied, without the JDK's {@code default} settings, so the figures are
 * Leakline's events and not the JDK's.
 *
 * <p>Not final: JMH generates subclasses of state classes.
 */
@State(Scope.Benchmark)
public class RunningRecording {
    /** The resource in the core jar that users pass as {@code settings=}. */
    static final String SHIPPED_SETTINGS = "/dev/leakline/jfr/leakline.jfc";
    /** Old chunks are dropped beyond this; the benchmark writes tens of MB per second. */
    static final long MAX_SIZE_BYTES = 64L * 1024 * 1024;

    /** Whether {@code leakline.ResponseOpened} records the opening stack trace (the shipped setting is true). */
    @Param({"true", "false"})
    public boolean openingStackTrace;

    private Recording recording;

    /** Starts the recording before warm-up. */
    @Setup(Level.Trial)
    public void start() throws IOException, ParseException {
        recording = new Recording(shippedSettings());
        recording.setName("leakline-bench");
        if (!openingStackTrace) {
            recording.enable("leakline.ResponseOpened").withoutStackTrace();
        }
        recording.setToDisk(true);
        recording.setMaxSize(MAX_SIZE_BYTES);
        recording.start();
        if (!Leakline.isRecording()) {
            throw new IllegalStateException("The recording started but Leakline.isRecording() is false: "
                    + "check that " + SHIPPED_SETTINGS + " enables leakline.ResponseOpened");
        }
    }

    /** Stops the recording and deletes its data. */
    @TearDown(Level.Trial)
    public void stop() {
        if (recording != null) {
            recording.close();
            recording = null;
        }
    }

    /** The running recording, for tests that read back what a benchmark recorded. */
    Recording recording() {
        return recording;
    }

    static Configuration shippedSettings() throws IOException, ParseException {
        InputStream in = Leakline.class.getResourceAsStream(SHIPPED_SETTINGS);
        if (in == null) {
            throw new IllegalStateException(SHIPPED_SETTINGS + " is missing from the leakline-jfr-events jar: "
                    + "build the bench with the reactor, as bench/run-api-bench.sh does");
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return Configuration.create(reader);
        }
    }
}
