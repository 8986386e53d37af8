package dev.leakline.jfr.okhttp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakline.jfr.testsupport.LoopbackServer;
import dev.leakline.jfr.testsupport.Recorded;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code leakline.RequestStarted} at {@code callStart}: after {@code enqueue()} the response opens on a dispatcher
 * thread, and only the start's stack trace names the line of this test that made the request. The recording is
 * made in the test method itself (not in a lambda), so the frame is the test method's own.
 */
class RequestStartTest {
    @TempDir
    Path dir;

    private LoopbackServer server;
    private OkHttpClient client;
    private Recording recording;

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackServer();
        client = LeaklineOkHttp.instrument(new OkHttpClient.Builder()).build();
        try (Reader reader = new InputStreamReader(
                getClass().getResourceAsStream("/dev/leakline/jfr/leakline.jfc"), StandardCharsets.UTF_8)) {
            recording = new Recording(Configuration.create(reader));
        }
    }

    @AfterEach
    void stop() {
        recording.close();
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
        server.close();
    }

    @Test
    void enqueueStartNamesTheCallersLineAndSharesTheResponseId() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        AtomicInteger length = new AtomicInteger(-1);
        AtomicReference<IOException> failure = new AtomicReference<>();
        Callback callback = new Callback() {
            @Override
            public void onResponse(Call call, Response response) throws IOException {
                try (response) {
                    length.set(response.body().bytes().length);
                } finally {
                    done.countDown();
                }
            }

            @Override
            public void onFailure(Call call, IOException e) {
                failure.set(e);
                done.countDown();
            }
        };
        recording.start();
        int line = line(); client.newCall(new Request.Builder().url(server.uri("/body")).build()).enqueue(callback);
        assertThat(done.await(20, TimeUnit.SECONDS)).as("the callback ran").isTrue();
        List<RecordedEvent> events = stopAndRead();

        assertThat(failure.get()).isNull();
        assertThat(length.get()).isEqualTo(LoopbackServer.BODY_LENGTH);
        RecordedEvent started = single(events, Recorded.STARTED);
        RecordedEvent opened = single(events, Recorded.OPENED);
        assertThat(started.getString("client")).isEqualTo("okhttp");
        assertThat(started.getString("method")).isEqualTo("GET");
        assertThat(started.getString("uri")).isEqualTo(server.uri("/body"));
        assertThat(opened.getLong("responseId")).isEqualTo(started.getLong("responseId")).isPositive();
        assertThat(started.getThread().getJavaThreadId()).isEqualTo(Thread.currentThread().getId());
        RecordedFrame caller = firstApplicationFrame(started);
        assertThat(caller.getMethod().getName()).isEqualTo("enqueueStartNamesTheCallersLineAndSharesTheResponseId");
        assertThat(caller.getLineNumber()).isEqualTo(line);
        // Why the start is needed: the open ran on a dispatcher thread, with no frame of this test.
        assertThat(opened.getThread().getJavaThreadId()).isNotEqualTo(Thread.currentThread().getId());
        assertThat(frameTypes(opened)).doesNotContain(RequestStartTest.class.getName());
        // The drain and the close carry the same id.
        assertThat(events.stream().filter(e -> e.getLong("responseId") == started.getLong("responseId"))
                .map(Recorded::kind)).contains("started", "opened", "drained:application", "closed:application");
    }

    @Test
    void executeRecordsTheStartTooBothOnTheCallersLine() throws Exception {
        recording.start();
        int line = line(); Response response = client.newCall(new Request.Builder().url(server.uri("/body")).build()).execute();
        try (response) {
            assertThat(response.body().bytes()).hasSize(LoopbackServer.BODY_LENGTH);
        }
        List<RecordedEvent> events = stopAndRead();

        RecordedEvent started = single(events, Recorded.STARTED);
        RecordedEvent opened = single(events, Recorded.OPENED);
        assertThat(opened.getLong("responseId")).isEqualTo(started.getLong("responseId"));
        for (RecordedEvent event : List.of(started, opened)) {
            RecordedFrame caller = firstApplicationFrame(event);
            assertThat(caller.getMethod().getName()).isEqualTo("executeRecordsTheStartTooBothOnTheCallersLine");
            assertThat(caller.getLineNumber()).isEqualTo(line);
        }
    }

    private List<RecordedEvent> stopAndRead() throws IOException {
        recording.stop();
        Path file = dir.resolve("start.jfr");
        recording.dump(file);
        List<RecordedEvent> events = new ArrayList<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            if (e.getEventType().getName().startsWith("leakline.")) {
                events.add(e);
            }
        }
        return events;
    }

    private static RecordedEvent single(List<RecordedEvent> events, String name) {
        List<RecordedEvent> named = events.stream().filter(e -> e.getEventType().getName().equals(name)).toList();
        assertThat(named).as(name).hasSize(1);
        return named.get(0);
    }

    /** The first frame that is neither Leakline's nor OkHttp's; it must be this test's. */
    private static RecordedFrame firstApplicationFrame(RecordedEvent event) {
        RecordedFrame frame = event.getStackTrace().getFrames().stream()
                .filter(f -> !f.getMethod().getType().getName().startsWith("okhttp3.")
                        && !(f.getMethod().getType().getName().startsWith("dev.leakline.jfr.")
                                && !f.getMethod().getType().getName().equals(RequestStartTest.class.getName())))
                .findFirst().orElseThrow();
        assertThat(frame.getMethod().getType().getName()).isEqualTo(RequestStartTest.class.getName());
        return frame;
    }

    private static List<String> frameTypes(RecordedEvent event) {
        return event.getStackTrace().getFrames().stream().map(f -> f.getMethod().getType().getName()).toList();
    }

    /** The caller's line number, from the JVM's own stack (not from the recording under test). */
    private static int line() {
        return StackWalker.getInstance().walk(s -> s.skip(1).findFirst()).orElseThrow().getLineNumber();
    }
}
