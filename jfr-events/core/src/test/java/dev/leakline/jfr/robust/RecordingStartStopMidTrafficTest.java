package dev.leakline.jfr.robust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakline.jfr.testing.Recorder;
import dev.leakline.jfr.testing.TestServer;
import dev.leakline.jfr.Actor;
import dev.leakline.jfr.Leakline;
import dev.leakline.jfr.TrackedResponse;
import dev.leakline.jfr.jdk.TrackedHttpClient;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;

/**
 * A recording started or stopped while responses are in flight. Responses opened before it started are
 * {@link TrackedResponse#NONE}: finishing them records nothing (no orphan close), and nothing throws. Responses
 * open when it stopped can still be read and closed without error.
 */
class RecordingStartStopMidTrafficTest {

    @Test
    void responsesOpenedBeforeTheRecordingRecordNothing() throws Exception {
        try (TestServer server = new TestServer(4096)) {
            HttpClient client = TrackedHttpClient.wrap(
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
            assertThat(Leakline.isRecording()).as("no recording yet").isFalse();
            TrackedResponse apiBefore = Leakline.responseOpened("robust", 0, "GET", "http://127.0.0.1/before", 200,
                    "HTTP/1.1", 10);
            HttpResponse<InputStream> before = client.send(HttpRequest.newBuilder(server.uri("/before")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(apiBefore).isSameAs(TrackedResponse.NONE);

            List<RecordedEvent> events;
            try (Recorder recorded = Recorder.start()) {
                try (InputStream body = before.body()) {
                    body.readAllBytes();
                }
                apiBefore.bodyRead(10);
                apiBefore.bodyDrained(Actor.APPLICATION);
                apiBefore.closed(Actor.APPLICATION);
                HttpResponse<InputStream> during = client.send(
                        HttpRequest.newBuilder(server.uri("/during")).build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream body = during.body()) {
                    body.readAllBytes();
                }
                events = recorded.stop();
            }
            assertThat(events).as("events of responses opened before the recording")
                    .noneMatch(e -> e.getEventType().getName().equals(Recorder.OPENED)
                            && e.getString("uri").endsWith("/before"));
            List<RecordedEvent> opened = Recorder.named(events, Recorder.OPENED);
            assertThat(opened).singleElement().satisfies(e -> assertThat(e.getString("uri")).endsWith("/during"));
            long id = opened.get(0).getLong("responseId");
            assertThat(Recorder.named(events, Recorder.CLOSED)).as("only the response opened during it closes")
                    .allSatisfy(e -> assertThat(e.getLong("responseId")).isEqualTo(id)).hasSize(1);
            assertThat(Recorder.named(events, Recorder.DRAINED))
                    .allSatisfy(e -> assertThat(e.getLong("responseId")).isEqualTo(id));
        }
    }

    @Test
    void responsesOpenWhenTheRecordingStopsFinishQuietly() throws Exception {
        try (TestServer server = new TestServer(64 * 1024)) {
            HttpClient client = TrackedHttpClient.wrap(
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
            HttpResponse<InputStream> open;
            TrackedResponse apiOpen;
            List<RecordedEvent> events;
            try (Recorder recorded = Recorder.start()) {
                open = client.send(HttpRequest.newBuilder(server.uri("/open")).build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                apiOpen = Leakline.responseOpened("robust", 0, "GET", "http://127.0.0.1/api", 200, "HTTP/1.1", -1);
                assertThat(open.body().read(new byte[10])).isPositive();
                events = recorded.stop();
            }
            // The recording is gone; the application goes on with what it holds.
            try (InputStream body = open.body()) {
                body.readAllBytes();
            }
            apiOpen.bodyRead(5);
            apiOpen.bodyDrained(Actor.APPLICATION);
            apiOpen.closed(Actor.APPLICATION);
            assertThat(apiOpen.isClosed()).isTrue();
            assertThat(Recorder.named(events, Recorder.OPENED)).hasSize(2);
            assertThat(Recorder.named(events, Recorder.CLOSED)).isEmpty();
            assertThat(Leakline.isRecording()).isFalse();
        }
    }
}
