package dev.leakline.jfr.jdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakline.jfr.testing.Recorder;
import dev.leakline.jfr.testing.TestServer;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URL;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link TrackedUrlConnection} around the odd corners of {@code HttpURLConnection}. */
class UrlConnectionQuirksTest {
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
    void errorStatusOpensOnFirstTouchAndTheErrorStreamFinishesIt() throws Exception {
        Map<Long, List<RecordedEvent>> responses;
        try (Recorder recorder = Recorder.start()) {
            HttpURLConnection connection = TrackedUrlConnection.open(url("/missing"));
            assertThat(connection.getResponseCode()).isEqualTo(404); // The first touch.
            assertThatThrownBy(connection::getInputStream).isInstanceOf(FileNotFoundException.class);
            try (InputStream error = connection.getErrorStream()) {
                assertThat(error.readAllBytes()).hasSize(TestServer.SMALL);
            }
            responses = recorder.byResponse();
        }
        List<RecordedEvent> events = single(responses);
        assertThat(Recorder.kinds(events)).containsExactly("opened", "drained", "closed");
        RecordedEvent opened = events.get(0);
        assertThat(opened.getInt("status")).isEqualTo(404);
        assertThat(opened.getString("client")).isEqualTo("HttpURLConnection");
        assertThat(opened.getLong("contentLength")).isEqualTo(TestServer.SMALL);
        assertThat(Recorder.frames(opened))
                .contains(getClass().getName() + ".errorStatusOpensOnFirstTouchAndTheErrorStreamFinishesIt");
        assertThat(events.get(1).getLong("bytesRead")).isEqualTo(TestServer.SMALL);
        assertThat(events.get(2).getBoolean("drained")).isTrue();
    }

    @Test
    void getInputStreamThatThrowsStillOpensAndDisconnectCloses() throws Exception {
        Map<Long, List<RecordedEvent>> responses;
        try (Recorder recorder = Recorder.start()) {
            HttpURLConnection connection = TrackedUrlConnection.open(url("/missing"));
            assertThatThrownBy(connection::getInputStream).isInstanceOf(FileNotFoundException.class);
            connection.disconnect();
            responses = recorder.byResponse();
        }
        List<RecordedEvent> events = single(responses);
        assertThat(Recorder.kinds(events)).containsExactly("opened", "closed");
        assertThat(events.get(0).getInt("status")).isEqualTo(404);
        assertThat(events.get(1).getBoolean("drained")).isFalse();
        assertThat(events.get(1).getString("closedBy")).isEqualTo("application");
    }

    @Test
    void errorWithoutBodyHasNoErrorStream() throws Exception {
        Map<Long, List<RecordedEvent>> responses;
        try (Recorder recorder = Recorder.start()) {
            HttpURLConnection connection = TrackedUrlConnection.open(url("/empty-error"));
            assertThat(connection.getResponseCode()).isEqualTo(500);
            assertThat(connection.getErrorStream()).isNull(); // The error has no body.
            connection.disconnect();
            responses = recorder.byResponse();
        }
        List<RecordedEvent> events = single(responses);
        assertThat(Recorder.kinds(events)).containsExactly("opened", "closed");
        assertThat(events.get(0).getInt("status")).isEqualTo(500);
    }

    @Test
    void manyTouchesOpenOnceAndBothStreamsAreTheSame() throws Exception {
        Map<Long, List<RecordedEvent>> responses;
        try (Recorder recorder = Recorder.start()) {
            HttpURLConnection connection = TrackedUrlConnection.open(url("/small"));
            connection.setRequestProperty("Accept", "*/*");
            assertThat(connection.getRequestProperty("Accept")).isEqualTo("*/*");
            assertThat(connection.getHeaderField("Content-Length")).isEqualTo(String.valueOf(TestServer.SMALL));
            assertThat(connection.getContentLengthLong()).isEqualTo(TestServer.SMALL);
            assertThat(connection.getResponseMessage()).isEqualTo("OK");
            assertThat(connection.getHeaderFields()).containsKey("Content-length");
            InputStream first = connection.getInputStream();
            assertThat(connection.getInputStream()).isSameAs(first);
            assertThat(first.readAllBytes()).isEqualTo(TestServer.body(TestServer.SMALL));
            assertThat(connection.getErrorStream()).isNull(); // 200: no error stream.
            connection.disconnect(); // Counts as the application's close.
            responses = recorder.byResponse();
        }
        List<RecordedEvent> events = single(responses);
        assertThat(Recorder.kinds(events)).containsExactly("opened", "drained", "closed");
        assertThat(events.get(0).getString("protocol")).isEqualTo("HTTP/1.1");
        assertThat(events.get(2).getBoolean("drained")).isTrue();
        assertThat(events.get(2).getString("closedBy")).isEqualTo("application");
    }

    @Test
    void closeThenDisconnectRecordsOneClose() throws Exception {
        Map<Long, List<RecordedEvent>> responses;
        try (Recorder recorder = Recorder.start()) {
            HttpURLConnection connection = TrackedUrlConnection.open(url("/small"));
            connection.getInputStream().close();
            connection.disconnect();
            responses = recorder.byResponse();
        }
        assertThat(Recorder.kinds(single(responses))).containsExactly("opened", "closed");
    }

    @Test
    void noResponseNoEventAndTheApplicationSeesTheFailure() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        List<RecordedEvent> events;
        try (Recorder recorder = Recorder.start()) {
            HttpURLConnection connection = TrackedUrlConnection.open(new URL("http://127.0.0.1:" + closedPort + "/x"));
            assertThatThrownBy(connection::getResponseCode).isInstanceOf(ConnectException.class);
            assertThatThrownBy(connection::getInputStream).isInstanceOf(ConnectException.class);
            assertThat(connection.getHeaderField("Content-Length")).isNull();
            connection.disconnect();
            events = recorder.stop();
        }
        assertThat(events).isEmpty();
    }

    @Test
    void untouchedConnectionRecordsNothing() throws Exception {
        List<RecordedEvent> events;
        try (Recorder recorder = Recorder.start()) {
            HttpURLConnection connection = TrackedUrlConnection.open(url("/small"));
            connection.setConnectTimeout(1000);
            assertThat(connection.getConnectTimeout()).isEqualTo(1000);
            assertThat(connection.getURL()).isEqualTo(url("/small"));
            // As on a plain connection, asking for the error stream first neither sends nor opens anything.
            assertThat(connection.getErrorStream()).isNull();
            connection.disconnect();
            events = recorder.stop();
        }
        assertThat(events).isEmpty();
    }

    private static List<RecordedEvent> single(Map<Long, List<RecordedEvent>> responses) {
        assertThat(responses).hasSize(1);
        return responses.values().iterator().next();
    }

    private static URL url(String path) throws IOException {
        return server.uri(path).toURL();
    }
}
