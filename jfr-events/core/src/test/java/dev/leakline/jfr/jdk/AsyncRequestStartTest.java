package dev.leakline.jfr.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakline.jfr.testing.Recorder;
import dev.leakline.jfr.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code sendAsync} records {@code leakline.RequestStarted} on the calling thread: its stack trace names the line
 * of this test that called {@code sendAsync}, and the response's events carry its response id.
 */
class AsyncRequestStartTest {
    /** Leakline's own frames above the application's in a start's stack trace. */
    private static final Set<String> LEAKLINE_FRAMES = Set.of("dev.leakline.jfr.internal.Emitter",
            "dev.leakline.jfr.Leakline", TrackedHttpClient.class.getName());

    private static TestServer server;
    private static HttpClient client;

    @BeforeAll
    static void start() throws IOException {
        server = new TestServer();
        client = TrackedHttpClient.wrap(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theStartNamesTheLineThatCalledSendAsyncAndSharesTheResponseId() throws Exception {
        List<RecordedEvent> events;
        int first;
        int second;
        try (Recorder recorder = Recorder.start()) {
            // Each call and the line number it is on sit on one line: the line is the JVM's, not the recording's.
            first = line(); CompletableFuture<HttpResponse<InputStream>> a = client.sendAsync(request("/small/start-a"), BodyHandlers.ofInputStream());
            second = line(); CompletableFuture<HttpResponse<String>> b = client.sendAsync(request("/small/start-b"), BodyHandlers.ofString());
            try (InputStream body = a.get(20, TimeUnit.SECONDS).body()) {
                assertThat(body.readAllBytes()).hasSize(TestServer.SMALL);
            }
            assertThat(b.get(20, TimeUnit.SECONDS).body()).hasSize(TestServer.SMALL);
            events = recorder.stop();
        }
        List<RecordedEvent> started = Recorder.named(events, Recorder.STARTED);
        List<RecordedEvent> opened = Recorder.named(events, Recorder.OPENED);
        assertThat(started).hasSize(2);
        assertThat(opened).hasSize(2);

        RecordedEvent startA = byUri(started, "/small/start-a");
        RecordedEvent startB = byUri(started, "/small/start-b");
        assertThat(startA.getString("client")).isEqualTo("java.net.http");
        assertThat(startA.getString("method")).isEqualTo("GET");
        assertApplicationFrame(startA, "theStartNamesTheLineThatCalledSendAsyncAndSharesTheResponseId", first);
        assertApplicationFrame(startB, "theStartNamesTheLineThatCalledSendAsyncAndSharesTheResponseId", second);
        assertThat(startA.getThread().getJavaThreadId()).isEqualTo(Thread.currentThread().getId());

        // Each start and its response's open share one id, distinct from the other request's.
        assertThat(byUri(opened, "/small/start-a").getLong("responseId")).isEqualTo(startA.getLong("responseId"));
        assertThat(byUri(opened, "/small/start-b").getLong("responseId")).isEqualTo(startB.getLong("responseId"));
        assertThat(startA.getLong("responseId")).isNotEqualTo(startB.getLong("responseId")).isPositive();
        // And so do the drain and close: one response, one id, from start to close.
        for (RecordedEvent start : started) {
            assertThat(events.stream().filter(e -> e.getLong("responseId") == start.getLong("responseId"))
                    .map(Recorder::kind)).containsExactlyInAnyOrder("started", "opened", "drained", "closed");
        }
    }

    @Test
    void sendRecordsNoStartItsOpenHasTheCallersStack() throws Exception {
        List<RecordedEvent> events;
        int sent;
        try (Recorder recorder = Recorder.start()) {
            sent = line(); HttpResponse<String> response = client.send(request("/small/sync"), BodyHandlers.ofString());
            assertThat(response.body()).hasSize(TestServer.SMALL);
            events = recorder.stop();
        }
        assertThat(Recorder.named(events, Recorder.STARTED)).isEmpty();
        List<RecordedEvent> opened = Recorder.named(events, Recorder.OPENED);
        assertThat(opened).hasSize(1);
        assertThat(frameOf(opened.get(0), "sendRecordsNoStartItsOpenHasTheCallersStack").getLineNumber())
                .isEqualTo(sent);
    }

    @Test
    void aStartWithoutItsStackTraceStillSharesTheId() throws Exception {
        List<RecordedEvent> events;
        try (Recorder recorder = Recorder.start(r -> r.enable(Recorder.STARTED).withoutStackTrace())) {
            client.sendAsync(request("/small/no-stack"), BodyHandlers.ofString()).get(20, TimeUnit.SECONDS);
            events = recorder.stop();
        }
        RecordedEvent start = Recorder.named(events, Recorder.STARTED).get(0);
        assertThat(start.getStackTrace()).isNull();
        assertThat(Recorder.named(events, Recorder.OPENED).get(0).getLong("responseId"))
                .isEqualTo(start.getLong("responseId"));
    }

    @Test
    void withTheStartDisabledTheResponseStillGetsAnId() throws Exception {
        List<RecordedEvent> events;
        Map<Long, List<RecordedEvent>> responses;
        try (Recorder recorder = Recorder.start(r -> r.disable(Recorder.STARTED))) {
            client.sendAsync(request("/small/start-off"), BodyHandlers.ofString()).get(20, TimeUnit.SECONDS);
            events = recorder.stop();
            responses = recorder.byResponse();
        }
        assertThat(Recorder.named(events, Recorder.STARTED)).isEmpty();
        assertThat(responses).hasSize(1);
        assertThat(Recorder.kinds(responses.values().iterator().next())).containsExactly("opened", "drained", "closed");
        assertThat(responses.keySet().iterator().next()).isPositive();
    }

    /** The one frame of this test's method {@code method} in the event's stack trace. */
    private static RecordedFrame frameOf(RecordedEvent event, String method) {
        List<RecordedFrame> frames = event.getStackTrace().getFrames().stream()
                .filter(f -> f.getMethod().getType().getName().equals(AsyncRequestStartTest.class.getName())
                        && f.getMethod().getName().equals(method))
                .toList();
        assertThat(frames).hasSize(1);
        return frames.get(0);
    }

    /** The first frame below Leakline's own is this test's {@code method}, at {@code line}. */
    private static void assertApplicationFrame(RecordedEvent start, String method, int line) {
        RecordedFrame first = start.getStackTrace().getFrames().stream()
                .filter(f -> !LEAKLINE_FRAMES.contains(f.getMethod().getType().getName()))
                .findFirst().orElseThrow();
        assertThat(first.getMethod().getType().getName()).isEqualTo(AsyncRequestStartTest.class.getName());
        assertThat(first.getMethod().getName()).isEqualTo(method);
        assertThat(first.getLineNumber()).isEqualTo(line);
    }

    private static RecordedEvent byUri(List<RecordedEvent> events, String path) {
        String uri = server.uri(path).toString();
        List<RecordedEvent> matching = events.stream().filter(e -> uri.equals(e.getString("uri"))).toList();
        assertThat(matching).as(path).hasSize(1);
        return matching.get(0);
    }

    /** The caller's line number, from the JVM's own stack (not from the recording under test). */
    private static int line() {
        return StackWalker.getInstance().walk(s -> s.skip(1).findFirst()).orElseThrow().getLineNumber();
    }

    private static HttpRequest request(String path) {
        return HttpRequest.newBuilder(server.uri(path)).build();
    }
}
