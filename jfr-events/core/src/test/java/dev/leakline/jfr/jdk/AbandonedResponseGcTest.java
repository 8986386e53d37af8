package dev.leakline.jfr.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakline.jfr.testing.Recorder;
import dev.leakline.jfr.testing.TestServer;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;

/**
 * Leakline must not keep alive what the application abandoned: a leaked response stays collectable,
 * so tracking it never turns a leak of a connection into a leak of memory too.
 */
class AbandonedResponseGcTest {

    @Test
    void abandonedResponseAndBodyCanBeCollected() throws Exception {
        try (TestServer server = new TestServer(); Recorder recorder = Recorder.start()) {
            HttpClient client = TrackedHttpClient.wrap(
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
            WeakReference<?>[] refs = sendAndAbandon(client, server);
            for (int i = 0; i < 50 && (refs[0].get() != null || refs[1].get() != null); i++) {
                System.gc();
                Thread.sleep(20);
            }
            assertThat(refs[0].get()).as("the response").isNull();
            assertThat(refs[1].get()).as("its body").isNull();

            // And it was tracked: opened, never finished.
            Map<Long, List<RecordedEvent>> responses = recorder.byResponse();
            assertThat(responses).hasSize(1);
            assertThat(Recorder.kinds(responses.values().iterator().next())).containsExactly("opened");
        }
    }

    /** In its own frame so that no local variable of the test keeps the response reachable. */
    private static WeakReference<?>[] sendAndAbandon(HttpClient client, TestServer server) throws Exception {
        HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(server.uri("/large")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.body().getClass().getName()).isEqualTo("dev.leakline.jfr.internal.TrackedInputStream");
        return new WeakReference<?>[] {new WeakReference<>(response), new WeakReference<>(response.body())};
    }
}
