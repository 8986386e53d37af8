package dev.leakline.jfr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakline.jfr.jdk.TrackedHttpClient;
import dev.leakline.jfr.jdk.TrackedUrlConnection;
import dev.leakline.jfr.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import jdk.jfr.FlightRecorder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** With no recording running, Leakline hands back what it was given. */
class NotRecordingTest {
    private static final int CALLS = 100_000;

    private long idsBefore;

    @BeforeEach
    void noRecordingRuns() {
        assertThat(FlightRecorder.getFlightRecorder().getRecordings())
                .as("no recording may run during this test")
                .allSatisfy(r -> assertThat(r.getState()).isNotEqualTo(jdk.jfr.RecordingState.RUNNING));
        assertThat(Leakline.isRecording()).isFalse();
        idsBefore = Leakline.responsesOpened();
    }

    @Test
    void responseOpenedReturnsNone() {
        TrackedResponse response = Leakline.responseOpened("test", 0, "GET", "http://h/p", 200, "HTTP/1.1", 3);
        assertThat(response).isSameAs(TrackedResponse.NONE);
        assertThat(response.isTracked()).isFalse();
        assertThat(response.id()).isZero();
        assertThat(Leakline.responseOpened("test", "pool", 1, "GET", "http://h/p", 200, "HTTP/1.1", 3))
                .isSameAs(TrackedResponse.NONE);
        // Every method is a no-op on NONE.
        response.bodyRead(3);
        response.bodyDrained(Actor.APPLICATION);
        response.closed(Actor.APPLICATION);
        assertThat(response.bytesRead()).isZero();
        assertThat(response.isDrained()).isFalse();
        assertThat(response.isClosed()).isFalse();
    }

    @Test
    void requestStartedReturnsZeroAndAllocatesNothing() {
        assertThat(Leakline.requestStarted("test", "GET", "http://user:secret@h/p?q=1")).isZero();
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        long sum = 0;
        // Warm up first, so that the measured calls run as the application's would, not in the interpreter.
        for (int i = 0; i < CALLS; i++) {
            sum += Leakline.requestStarted("test", "GET", "http://h/p");
        }
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < CALLS; i++) {
            sum += Leakline.requestStarted("test", "GET", "http://h/p");
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertThat(sum).isZero();
        // One object per call would be at least 16 bytes a call; what is left is the measuring itself.
        assertThat(allocated).as("bytes allocated by %d disabled starts", CALLS).isLessThan(CALLS);
        assertThat(Leakline.responsesOpened()).as("no id is reserved while nothing records").isEqualTo(idsBefore);
    }

    @Test
    void trackBodyReturnsTheSameStream() {
        InputStream body = new ByteArrayInputStream(new byte[] {1, 2, 3});
        assertThat(Leakline.trackBody(body, TrackedResponse.NONE)).isSameAs(body);
        assertThat(Leakline.trackBody(null, TrackedResponse.NONE)).isNull();
    }

    @Test
    void adaptersPassTheClientsObjectsThrough() throws Exception {
        try (TestServer server = new TestServer()) {
            URI uri = server.uri("/small");

            HttpURLConnection plain = (HttpURLConnection) uri.toURL().openConnection();
            assertThat(TrackedUrlConnection.wrap(plain)).isSameAs(plain);
            assertThat(TrackedUrlConnection.open(uri.toURL())).isNotInstanceOf(TrackedUrlConnection.class);

            HttpClient client = TrackedHttpClient.wrap(HttpClient.newHttpClient());
            HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            // The client's own response and body, not Leakline's wrappers.
            assertThat(response.getClass().getName()).startsWith("jdk.internal.net.http.");
            assertThat(response.body().getClass().getName()).startsWith("jdk.internal.net.http.");
            try (InputStream body = response.body()) {
                assertThat(body.readAllBytes()).hasSize(TestServer.SMALL);
            }

            HttpResponse<InputStream> async = client.sendAsync(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofInputStream()).get(20, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(async.getClass().getName()).startsWith("jdk.internal.net.http.");
            try (InputStream body = async.body()) {
                assertThat(body.readAllBytes()).hasSize(TestServer.SMALL);
            }
        }
        assertThat(Leakline.responsesOpened()).as("no id is reserved while nothing records").isEqualTo(idsBefore);
    }
}
