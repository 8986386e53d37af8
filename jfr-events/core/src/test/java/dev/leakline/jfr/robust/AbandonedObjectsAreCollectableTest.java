package dev.leakline.jfr.robust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakline.jfr.testing.Recorder;
import dev.leakline.jfr.testing.TestServer;
import dev.leakline.jfr.Leakline;
import dev.leakline.jfr.TrackedResponse;
import dev.leakline.jfr.jdk.TrackedHttpClient;
import dev.leakline.jfr.jdk.TrackedUrlConnection;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.net.HttpURLConnection;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;

/**
 * The library keeps no strong reference to responses, streams or clients: what the application abandons (a leaked
 * response, the client that made it) is collected while a recording runs, so a leaked connection never becomes a
 * leak of memory too.
 */
class AbandonedObjectsAreCollectableTest {

    @Test
    void anAbandonedJavaNetHttpResponseItsBodyAndItsClientAreCollected() throws Exception {
        try (TestServer server = new TestServer(256 * 1024); Recorder recorded = Recorder.start()) {
            List<WeakReference<?>> refs = sendAndAbandon(server);
            awaitCollected(refs);
            assertThat(refs).as("response, body, tracked client, wrapped client")
                    .allSatisfy(r -> assertThat(r.get()).isNull());
            List<RecordedEvent> events = recorded.stop();
            assertThat(Recorder.named(events, Recorder.OPENED)).as("the abandoned response was tracked").hasSize(1);
            assertThat(Recorder.named(events, Recorder.CLOSED)).isEmpty();
        }
    }

    @Test
    void anAbandonedHttpUrlConnectionAndItsStreamAreCollected() throws Exception {
        try (TestServer server = new TestServer(256 * 1024); Recorder recorded = Recorder.start()) {
            List<WeakReference<?>> refs = openAndAbandon(server);
            awaitCollected(refs);
            assertThat(refs).as("tracked connection, its stream").allSatisfy(r -> assertThat(r.get()).isNull());
            assertThat(Recorder.named(recorded.stop(), Recorder.OPENED)).hasSize(1);
        }
    }

    @Test
    void anAbandonedTrackedResponseAndItsStreamAreCollected() throws Exception {
        try (Recorder recorded = Recorder.start()) {
            List<WeakReference<?>> refs = trackAndAbandon();
            awaitCollected(refs);
            assertThat(refs).allSatisfy(r -> assertThat(r.get()).isNull());
            assertThat(Recorder.named(recorded.stop(), Recorder.OPENED)).hasSize(1);
        }
    }

    /** In their own frames, so no local variable of the test keeps anything reachable. */
    private static List<WeakReference<?>> sendAndAbandon(TestServer server) throws Exception {
        HttpClient plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpClient client = TrackedHttpClient.wrap(plain);
        HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(server.uri("/abandoned")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.body().read()).isEqualTo('x'); // started reading, then abandoned
        return List.of(new WeakReference<>(response), new WeakReference<>(response.body()),
                new WeakReference<>(client), new WeakReference<>(plain));
    }

    private static List<WeakReference<?>> openAndAbandon(TestServer server) throws Exception {
        HttpURLConnection connection = TrackedUrlConnection.open(server.uri("/abandoned").toURL());
        assertThat(connection).isInstanceOf(TrackedUrlConnection.class);
        InputStream body = connection.getInputStream();
        assertThat(body.read()).isEqualTo('x');
        return List.of(new WeakReference<>(connection), new WeakReference<>(body));
    }

    private static List<WeakReference<?>> trackAndAbandon() {
        TrackedResponse tracked = Leakline.responseOpened("robust", 0, "GET", "http://127.0.0.1/x", 200, "HTTP/1.1",
                3);
        InputStream raw = new ByteArrayInputStream(new byte[3]);
        InputStream body = Leakline.trackBody(raw, tracked);
        return List.of(new WeakReference<>(tracked), new WeakReference<>(body), new WeakReference<>(raw));
    }

    private static void awaitCollected(List<WeakReference<?>> refs) throws InterruptedException {
        for (int i = 0; i < 100 && refs.stream().anyMatch(r -> r.get() != null); i++) {
            System.gc();
            Thread.sleep(20);
        }
    }
}
