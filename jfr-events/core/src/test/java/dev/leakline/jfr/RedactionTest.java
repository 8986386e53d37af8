package dev.leakline.jfr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakline.jfr.jdk.TrackedUrlConnection;
import dev.leakline.jfr.testing.Recorder;
import dev.leakline.jfr.testing.TestServer;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What of a request URI reaches a recording: never user info; query and fragment only on opt-in. */
class RedactionTest {
    private static final String SECRET_URI = "https://user:secret@api.example.com:8443/v1/items?token=abc123&x=1#frag";

    @AfterEach
    void resetSwitch() {
        Leakline.setRecordQueryStrings(false);
    }

    @Test
    void byDefaultOnlySchemeAuthorityWithoutUserInfoAndPathAreRecorded() throws Exception {
        assertThat(recordedUri(SECRET_URI)).isEqualTo("https://api.example.com:8443/v1/items");
    }

    @Test
    void optInKeepsQueryAndFragmentButNeverUserInfo() throws Exception {
        Leakline.setRecordQueryStrings(true);
        assertThat(recordedUri(SECRET_URI)).isEqualTo("https://api.example.com:8443/v1/items?token=abc123&x=1#frag");
    }

    @Test
    void switchingBackOffRedactsAgain() throws Exception {
        Leakline.setRecordQueryStrings(true);
        Leakline.setRecordQueryStrings(false);
        assertThat(recordedUri(SECRET_URI)).isEqualTo("https://api.example.com:8443/v1/items");
    }

    @Test
    void urlConnectionUriIsRedactedToo() throws Exception {
        try (TestServer server = new TestServer()) {
            String base = "http://127.0.0.1:" + server.port();
            URL url = new URL("http://user:secret@127.0.0.1:" + server.port() + "/small?token=abc123#frag");
            assertThat(recordedThroughUrlConnection(url)).isEqualTo(base + "/small");
            Leakline.setRecordQueryStrings(true);
            assertThat(recordedThroughUrlConnection(url)).isEqualTo(base + "/small?token=abc123#frag");
        }
    }

    private static String recordedUri(String uri) throws Exception {
        List<RecordedEvent> events;
        try (Recorder recorder = Recorder.start()) {
            TrackedResponse response = Leakline.responseOpened("test", 0, "GET", uri, 200, "HTTP/1.1", -1);
            response.closed(Actor.APPLICATION);
            events = recorder.stop();
        }
        return opened(events).getString("uri");
    }

    private static String recordedThroughUrlConnection(URL url) throws Exception {
        List<RecordedEvent> events;
        try (Recorder recorder = Recorder.start()) {
            HttpURLConnection connection = TrackedUrlConnection.open(url);
            try (InputStream body = connection.getInputStream()) {
                body.readAllBytes();
            }
            events = recorder.stop();
        }
        return opened(events).getString("uri");
    }

    private static RecordedEvent opened(List<RecordedEvent> events) {
        List<RecordedEvent> opened = events.stream()
                .filter(e -> e.getEventType().getName().equals(Recorder.OPENED))
                .toList();
        assertThat(opened).hasSize(1);
        return opened.get(0);
    }
}
