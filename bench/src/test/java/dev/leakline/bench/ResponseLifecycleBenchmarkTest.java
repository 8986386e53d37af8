package dev.leakline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakline.jfr.Leakline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Checks that each benchmark measures what its name says: the same bytes read in all of them, nothing
 * tracked when disabled, and, when enabled, the three events of a full lifecycle in a real recording
 * made with the shipped settings, with or without the opening stack trace. Times nothing.
 */
class ResponseLifecycleBenchmarkTest {
    /** JMH's own guard against creating Blackholes outside a benchmark; tests are the documented exception. */
    private static final String BLACKHOLE_CHALLENGE =
            "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.";

    private final ResponseLifecycleBenchmark benchmark = new ResponseLifecycleBenchmark();
    private final ResponseBody body = new ResponseBody();
    private final Blackhole blackhole = new Blackhole(BLACKHOLE_CHALLENGE);

    @TempDir
    Path dir;

    @BeforeEach
    void setUp() {
        body.setUp();
    }

    @Test
    void baselineAndLifecycleReadTheWholeBody() throws IOException {
        assertThat(ResponseLifecycleBenchmark.drainAndClose(body.newStream(), body.buffer))
                .isEqualTo(ResponseBody.BODY_SIZE);
        assertThat(ResponseLifecycleBenchmark.lifecycle(body, blackhole)).isEqualTo(ResponseBody.BODY_SIZE);
    }

    @Test
    void disabledTracksNothingWhenNoRecordingRuns() throws IOException {
        assertThat(Leakline.isRecording()).isFalse();
        assertThat(Leakline.responseOpened(body.client, body.connectionId, body.method, body.uri, body.status,
                body.protocol, body.contentLength).isTracked()).isFalse();
        benchmark.disabled(body, blackhole);
    }

    @Test
    void enabledRecordsAFullLifecycleWithTheOpeningStackTrace() throws Exception {
        List<RecordedEvent> events = recordOneLifecycle(true, benchmark::enabled);

        RecordedEvent opened = only(events, "leakline.ResponseOpened");
        assertThat(opened.getString("client")).isEqualTo("java.net.http");
        assertThat(opened.getString("uri")).isEqualTo("https://api.example.com/v1/orders/42");
        assertThat(opened.getInt("status")).isEqualTo(200);
        assertThat(opened.getLong("contentLength")).isEqualTo(ResponseBody.BODY_SIZE);
        assertThat(opened.getStackTrace()).isNotNull();
        assertThat(opened.getStackTrace().getFrames()).extracting(ResponseLifecycleBenchmarkTest::frame)
                .contains(ResponseLifecycleBenchmark.class.getName() + ".enabled");

        long id = opened.getLong("responseId");
        RecordedEvent drained = only(events, "leakline.ResponseDrained");
        assertThat(drained.getLong("responseId")).isEqualTo(id);
        assertThat(drained.getLong("bytesRead")).isEqualTo(ResponseBody.BODY_SIZE);
        RecordedEvent closed = only(events, "leakline.ResponseClosed");
        assertThat(closed.getLong("responseId")).isEqualTo(id);
        assertThat(closed.getBoolean("drained")).isTrue();
    }

    @Test
    void enabledWithoutStackTraceRecordsTheOpeningWithoutOne() throws Exception {
        List<RecordedEvent> events = recordOneLifecycle(false, benchmark::enabled);

        assertThat(only(events, "leakline.ResponseOpened").getStackTrace()).isNull();
        assertThat(only(events, "leakline.ResponseClosed").getBoolean("drained")).isTrue();
    }

    @Test
    void enabledDeepStackRecordsAStackTraceAsDeepAsJfrKeeps() throws Exception {
        List<RecordedEvent> events = recordOneLifecycle(true, benchmark::enabledDeepStack);

        RecordedEvent opened = only(events, "leakline.ResponseOpened");
        // JFR's default stackdepth is 64 and the benchmark adds 64 frames, so the trace is cut at 64.
        assertThat(opened.getStackTrace().isTruncated()).isTrue();
        assertThat(opened.getStackTrace().getFrames()).hasSize(ResponseLifecycleBenchmark.DEEP_STACK_FRAMES)
                .extracting(ResponseLifecycleBenchmarkTest::frame)
                .contains(ResponseLifecycleBenchmark.class.getName() + ".lifecycleAtDepth");
    }

    @Test
    void asyncDisabledRecordsAndReservesNothing() throws IOException {
        assertThat(Leakline.isRecording()).isFalse();
        long ids = Leakline.responsesOpened();
        assertThat(Leakline.requestStarted(body.client, body.method, body.uri)).isZero();
        benchmark.asyncDisabled(body, blackhole);
        assertThat(Leakline.responsesOpened()).isEqualTo(ids);
    }

    @Test
    void asyncEnabledRecordsTheStartWithItsStackAndTheLifecycleUnderItsId() throws Exception {
        List<RecordedEvent> events = recordOneLifecycle(false, benchmark::asyncEnabled);

        RecordedEvent started = only(events, "leakline.RequestStarted");
        assertThat(started.getString("uri")).isEqualTo("https://api.example.com/v1/orders/42");
        assertThat(started.getStackTrace().getFrames()).extracting(ResponseLifecycleBenchmarkTest::frame)
                .contains(ResponseLifecycleBenchmark.class.getName() + ".asyncEnabled");
        long id = started.getLong("responseId");
        RecordedEvent opened = only(events, "leakline.ResponseOpened");
        assertThat(opened.getLong("responseId")).isEqualTo(id);
        assertThat(opened.getStackTrace()).isNull();
        assertThat(only(events, "leakline.ResponseClosed").getLong("responseId")).isEqualTo(id);
    }

    /** One of the enabled benchmark methods. */
    private interface EnabledBenchmark {
        void run(ResponseBody body, RunningRecording recording, Blackhole blackhole) throws IOException;
    }

    /** Runs an enabled benchmark once inside the benchmark's own recording state and reads back its events. */
    private List<RecordedEvent> recordOneLifecycle(boolean stackTrace, EnabledBenchmark enabled)
            throws IOException, ParseException {
        RunningRecording recording = new RunningRecording();
        recording.openingStackTrace = stackTrace;
        recording.start();
        Path file = dir.resolve("lifecycle.jfr");
        try {
            assertThat(Leakline.isRecording()).isTrue();
            enabled.run(body, recording, blackhole);
            recording.recording().dump(file);
        } finally {
            recording.stop();
        }
        assertThat(Leakline.isRecording()).isFalse();
        assertThat(Files.size(file)).isPositive();
        return RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().startsWith("leakline."))
                .collect(Collectors.toList());
    }

    private static RecordedEvent only(List<RecordedEvent> events, String name) {
        List<RecordedEvent> matching = events.stream().filter(e -> e.getEventType().getName().equals(name))
                .collect(Collectors.toList());
        assertThat(matching).as(name).hasSize(1);
        return matching.get(0);
    }

    private static String frame(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }
}
