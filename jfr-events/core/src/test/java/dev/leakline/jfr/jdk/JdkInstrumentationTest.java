package dev.leakline.jfr.jdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakline.jfr.testing.Recorder;
import dev.leakline.jfr.testing.TestServer;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The entry points the agent's advice calls, called here as the advice calls them around plain JDK clients (the
 * agent's own tests run them inside instrumented JDK classes, in child JVMs).
 */
class JdkInstrumentationTest {
    private static TestServer server;

    @BeforeAll
    static void start() throws IOException {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void onlyTheOutermostGetInputStreamOfAConnectionOpensItsResponse() throws Exception {
        Map<Long, List<RecordedEvent>> responses;
        try (Recorder recorder = Recorder.start()) {
            HttpURLConnection connection = (HttpURLConnection) server.uri("/small").toURL().openConnection();
            HttpURLConnection other = (HttpURLConnection) server.uri("/small").toURL().openConnection();
            int outer = JdkInstrumentation.inputStreamEntered(connection);
            int nested = JdkInstrumentation.inputStreamEntered(connection);
            int another = JdkInstrumentation.inputStreamEntered(other);
            InputStream raw = connection.getInputStream();
            JdkInstrumentation.inputStreamLeft(nested);
            JdkInstrumentation.inputStreamLeft(another);
            InputStream in = JdkInstrumentation.inputStream(connection, raw);
            JdkInstrumentation.inputStreamLeft(outer);

            assertThat(outer).isEqualTo(JdkInstrumentation.ENTERED_OUTERMOST);
            assertThat(nested).isEqualTo(JdkInstrumentation.ENTERED_NESTED);
            assertThat(another).isEqualTo(JdkInstrumentation.ENTERED_UNKNOWN);
            assertThat(in).isNotSameAs(raw);
            // Left: the next call on this thread is an outermost one again.
            int again = JdkInstrumentation.inputStreamEntered(other);
            JdkInstrumentation.inputStreamLeft(again);
            assertThat(again).isEqualTo(JdkInstrumentation.ENTERED_OUTERMOST);
            assertThat(in.readAllBytes()).hasSize(TestServer.SMALL);
            in.close();
            JdkInstrumentation.disconnected(connection);
            responses = recorder.byResponse();
        }
        assertThat(responses).hasSize(1);
        List<RecordedEvent> events = responses.values().iterator().next();
        assertThat(Recorder.kinds(events)).containsExactly("opened", "drained", "closed");
        assertThat(events.get(0).getString("client")).isEqualTo("HttpURLConnection");
        assertThat(events.get(0).getInt("status")).isEqualTo(200);
        assertThat(events.get(1).getLong("bytesRead")).isEqualTo(TestServer.SMALL);
    }

    @Test
    void anErrorStatusOpensWhenGetInputStreamFailsAndItsErrorStreamFinishesIt() throws Exception {
        Map<Long, List<RecordedEvent>> responses;
        try (Recorder recorder = Recorder.start()) {
            HttpURLConnection connection = (HttpURLConnection) server.uri("/missing").toURL().openConnection();
            assertThatThrownBy(connection::getInputStream).isInstanceOf(FileNotFoundException.class);
            JdkInstrumentation.inputStreamFailed(connection);
            InputStream rawError = connection.getErrorStream();
            try (InputStream error = JdkInstrumentation.errorStream(connection, rawError)) {
                assertThat(error).isNotSameAs(rawError);
                assertThat(error.readAllBytes()).hasSize(TestServer.SMALL);
            }
            assertThat(JdkInstrumentation.errorStream(connection, null)).isNull();
            responses = recorder.byResponse();
        }
        assertThat(responses).hasSize(1);
        List<RecordedEvent> events = responses.values().iterator().next();
        assertThat(Recorder.kinds(events)).containsExactly("opened", "drained", "closed");
        assertThat(events.get(0).getInt("status")).isEqualTo(404);
    }

    @Test
    void withNothingRecordingTheStreamsAreLeftAsTheyAre() throws Exception {
        HttpURLConnection connection = (HttpURLConnection) server.uri("/small").toURL().openConnection();
        int entered = JdkInstrumentation.inputStreamEntered(connection);
        InputStream raw = connection.getInputStream();
        InputStream in = JdkInstrumentation.inputStream(connection, raw);
        JdkInstrumentation.inputStreamLeft(entered);
        in.readAllBytes();
        in.close();
        JdkInstrumentation.disconnected(connection);

        assertThat(entered).isEqualTo(JdkInstrumentation.ENTERED_UNKNOWN);
        assertThat(in).isSameAs(raw);
        assertThat(JdkInstrumentation.sendStarts(HttpResponse.BodyHandlers.discarding())).isNull();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSendIsTrackedThroughTheCountingHandlerUnlessOursAlready() throws Exception {
        Map<Long, List<RecordedEvent>> responses;
        try (Recorder recorder = Recorder.start()) {
            HttpClient client = HttpClient.newHttpClient();
            BodyHandler<InputStream> handler = HttpResponse.BodyHandlers.ofInputStream();
            Object received = JdkInstrumentation.sendStarts(handler);
            assertThat(received).isInstanceOf(AtomicLong.class);
            Object counting = JdkInstrumentation.countingHandler(handler, received);
            assertThat(JdkInstrumentation.sendStarts(counting)).as("our own handler: tracked already").isNull();
            assertThat(JdkInstrumentation.sendStarts(null)).isNull();
            HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(server.uri("/small")).build(),
                    (BodyHandler<InputStream>) counting);
            HttpResponse<InputStream> tracked = (HttpResponse<InputStream>) JdkInstrumentation.sent(response,
                    received);
            try (InputStream body = tracked.body()) {
                assertThat(body.readAllBytes()).hasSize(TestServer.SMALL);
            }
            assertThat(JdkInstrumentation.sent(null, received)).isNull();
            assertThat(JdkInstrumentation.sentAsync(null, null, received)).isNull();
            responses = recorder.byResponse();
        }
        assertThat(responses).hasSize(1);
        List<RecordedEvent> events = responses.values().iterator().next();
        assertThat(Recorder.kinds(events)).containsExactly("opened", "drained", "closed");
        assertThat(events.get(0).getString("client")).isEqualTo("java.net.http");
        assertThat(events.get(1).getLong("bytesRead")).isEqualTo(TestServer.SMALL);
    }
}
