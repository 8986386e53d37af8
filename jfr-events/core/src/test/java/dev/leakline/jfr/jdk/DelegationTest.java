package dev.leakline.jfr.jdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakline.jfr.Leakline;
import dev.leakline.jfr.TrackedResponse;
import dev.leakline.jfr.testing.Recorder;
import dev.leakline.jfr.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Authenticator;
import java.net.CookieManager;
import java.net.HttpURLConnection;
import java.net.ProxySelector;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The wrappers change no client behaviour: every method the application may call answers what the wrapped
 * object answers (set through the wrapper, read through the wrapper), against a real server on 127.0.0.1.
 */
class DelegationTest {
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void anHttpClientWrapperAnswersWithTheClientsSettings() throws Exception {
        CookieManager cookies = new CookieManager();
        Authenticator authenticator = new Authenticator() {
        };
        ProxySelector proxy = ProxySelector.of(null);
        HttpClient raw = HttpClient.newBuilder().cookieHandler(cookies).authenticator(authenticator).proxy(proxy)
                .connectTimeout(Duration.ofSeconds(7)).build();
        HttpClient tracked = TrackedHttpClient.wrap(raw);

        assertThat(tracked.cookieHandler()).containsSame(cookies);
        assertThat(tracked.authenticator()).containsSame(authenticator);
        assertThat(tracked.proxy()).containsSame(proxy);
        assertThat(tracked.connectTimeout()).contains(Duration.ofSeconds(7));
        assertThat(tracked.sslParameters().getProtocols()).containsExactly(raw.sslParameters().getProtocols());
        assertThat(tracked.newWebSocketBuilder()).isNotNull()
                .hasSameClassAs(raw.newWebSocketBuilder());
        assertThat(tracked).hasToString("TrackedHttpClient[" + raw + "]");
        assertThat(TrackedHttpClient.wrap(tracked)).isSameAs(tracked);
    }

    @Test
    void shutdownReachesTheClientWhereTheJdkHasIt() throws Exception {
        TrackedHttpClient tracked = (TrackedHttpClient) TrackedHttpClient.wrap(HttpClient.newHttpClient());
        boolean lifecycle = Runtime.version().feature() >= 21; // HttpClient.shutdown and friends came in JDK 21
        assertThat(tracked.isTerminated()).isFalse();
        tracked.shutdown();
        tracked.shutdownNow();
        assertThat(tracked.awaitTermination(Duration.ofSeconds(10))).isEqualTo(lifecycle);
        assertThat(tracked.isTerminated()).isEqualTo(lifecycle);
        tracked.close();
    }

    @Test
    void anAsyncResponseAnswersWithTheResponsesValuesAndIsRecorded() throws Exception {
        HttpClient raw = HttpClient.newHttpClient();
        HttpClient tracked = TrackedHttpClient.wrap(raw);
        HttpRequest request = HttpRequest.newBuilder(server.uri("/small")).build();
        Map<Long, List<RecordedEvent>> responses;
        try (Recorder recorder = Recorder.start()) {
            HttpResponse<InputStream> response = tracked.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                    .get();
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.request().uri()).isEqualTo(request.uri());
            assertThat(response.request().method()).isEqualTo("GET");
            assertThat(response.uri()).isEqualTo(server.uri("/small"));
            assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
            assertThat(response.headers().firstValueAsLong("content-length")).hasValue(TestServer.SMALL);
            assertThat(response.previousResponse()).isEmpty();
            assertThat(response.sslSession()).isEmpty();
            assertThat(response.toString()).contains("/small").contains("200");
            try (InputStream body = response.body()) {
                assertThat(body.readAllBytes()).hasSize(TestServer.SMALL);
            }
            HttpResponse<String> pushed = tracked.sendAsync(request, HttpResponse.BodyHandlers.ofString(), null).get();
            assertThat(pushed.body()).hasSize(TestServer.SMALL);
            responses = recorder.byResponse();
        }
        assertThat(responses.values()).hasSize(2).allSatisfy(events ->
                // sendAsync records the request's start first (leakline.RequestStarted, from the events branch).
                assertThat(Recorder.kinds(events)).startsWith("started", "opened").contains("drained"));
    }

    @Test
    void whileNothingRecordsTheClientsOwnResponsesComeBackUntouched() throws Exception {
        HttpClient tracked = TrackedHttpClient.wrap(HttpClient.newHttpClient());
        HttpRequest request = HttpRequest.newBuilder(server.uri("/small")).build();
        HttpResponse<String> plain = tracked.sendAsync(request, HttpResponse.BodyHandlers.ofString()).get();
        assertThat(plain).isNotInstanceOf(TrackedHttpResponse.class);
        assertThat(plain.body()).hasSize(TestServer.SMALL);
        HttpResponse<String> pushed = tracked.sendAsync(request, HttpResponse.BodyHandlers.ofString(), null).get();
        assertThat(pushed).isNotInstanceOf(TrackedHttpResponse.class);
        assertThat(pushed.body()).hasSize(TestServer.SMALL);
        assertThat(TrackedResponse.NONE).hasToString("TrackedResponse.NONE");
    }

    @Test
    void eachOpenedResponseIsCountedAndNamedByItsId() throws Exception {
        try (Recorder recorder = Recorder.start()) {
            long before = Leakline.responsesOpened();
            TrackedResponse response = Leakline.responseOpened("test", 0, "GET",
                    java.net.URI.create("http://127.0.0.1/x?secret=1"), 200, "HTTP/1.1", -1);
            assertThat(Leakline.responsesOpened()).isEqualTo(before + 1);
            assertThat(response).hasToString("TrackedResponse#" + response.id());
            assertThat(response.id()).isPositive();
            response.closed(dev.leakline.jfr.Actor.APPLICATION);
            List<RecordedEvent> opened = Recorder.named(recorder.stop(), Recorder.OPENED);
            assertThat(opened).singleElement().satisfies(e ->
                    assertThat(e.getString("uri")).isEqualTo("http://127.0.0.1/x"));
        }
    }

    @Test
    void aUrlConnectionWrapperPassesSettingsAndAnswersWithTheResponsesHeaders() throws Exception {
        try (Recorder recorder = Recorder.start()) {
            HttpURLConnection connection = TrackedUrlConnection.open(new URL(server.uri("/small").toString()));
            assertThat(connection).isInstanceOf(TrackedUrlConnection.class);
            connection.setRequestMethod("GET");
            connection.setConnectTimeout(4321);
            connection.setReadTimeout(1234);
            connection.setDoInput(true);
            connection.setDoOutput(false);
            connection.setUseCaches(false);
            connection.setIfModifiedSince(5000);
            connection.setInstanceFollowRedirects(false);
            // Each flag both ways: a wrapper that dropped the call would answer the default in one of them.
            for (boolean value : new boolean[] {true, false}) {
                connection.setAllowUserInteraction(value);
                assertThat(connection.getAllowUserInteraction()).isEqualTo(value);
                connection.setInstanceFollowRedirects(value);
                assertThat(connection.getInstanceFollowRedirects()).isEqualTo(value);
                connection.setUseCaches(value);
                assertThat(connection.getUseCaches()).isEqualTo(value);
                connection.setDoInput(!value);
                assertThat(connection.getDoInput()).isEqualTo(!value);
            }
            connection.setAllowUserInteraction(false);
            connection.setAuthenticator(new Authenticator() {
            });
            connection.setRequestProperty("X-One", "1");
            connection.addRequestProperty("X-Two", "a");
            connection.addRequestProperty("X-Two", "b");
            assertThat(connection.getRequestMethod()).isEqualTo("GET");
            assertThat(connection.getConnectTimeout()).isEqualTo(4321);
            assertThat(connection.getReadTimeout()).isEqualTo(1234);
            assertThat(connection.getDoInput()).isTrue();
            assertThat(connection.getDoOutput()).isFalse();
            assertThat(connection.getUseCaches()).isFalse();
            assertThat(connection.getIfModifiedSince()).isEqualTo(5000);
            assertThat(connection.getInstanceFollowRedirects()).isFalse();
            assertThat(connection.getAllowUserInteraction()).isFalse();
            assertThat(connection.getRequestProperty("X-One")).isEqualTo("1");
            assertThat(connection.getRequestProperties().get("X-Two")).containsExactlyInAnyOrder("a", "b");
            boolean defaults = connection.getDefaultUseCaches();
            connection.setDefaultUseCaches(!defaults);
            assertThat(connection.getDefaultUseCaches()).isEqualTo(!defaults);
            connection.setDefaultUseCaches(defaults);
            assertThat(connection.getURL()).isEqualTo(new URL(server.uri("/small").toString()));
            assertThat(connection.getPermission().getName()).isEqualTo("127.0.0.1:" + server.port());
            assertThat(connection.toString()).contains("/small");

            connection.connect();
            assertThat(connection.usingProxy()).isFalse();
            assertThat(connection.getContentLength()).isEqualTo(TestServer.SMALL);
            assertThat(connection.getContentLengthLong()).isEqualTo(TestServer.SMALL);
            assertThat(connection.getHeaderField("Content-length")).isEqualTo(String.valueOf(TestServer.SMALL));
            assertThat(connection.getHeaderFieldInt("Content-length", -1)).isEqualTo(TestServer.SMALL);
            assertThat(connection.getHeaderFieldLong("Content-length", -1)).isEqualTo(TestServer.SMALL);
            assertThat(connection.getHeaderField(0)).isEqualTo("HTTP/1.1 200 OK");
            assertThat(connection.getHeaderFieldKey(0)).isNull();
            assertThat(connection.getHeaderFields()).containsKey("Date");
            assertThat(connection.getHeaderFieldKey(1)).isIn(connection.getHeaderFields().keySet());
            assertThat(connection.getDate()).isPositive()
                    .isEqualTo(connection.getHeaderFieldDate("Date", -1));
            assertThat(connection.getExpiration()).isZero();
            assertThat(connection.getLastModified()).isZero();
            assertThat(connection.getContentEncoding()).isNull();
            assertThat(connection.getContentType()).isNull();
            // No content type, no content handler: the connection's own exception, unchanged.
            assertThatThrownBy(connection::getContent).isInstanceOf(java.net.UnknownServiceException.class)
                    .hasMessage("no content-type");
            assertThatThrownBy(() -> connection.getContent(new Class<?>[] {String.class}))
                    .isInstanceOf(java.net.UnknownServiceException.class);
            try (InputStream content = connection.getInputStream()) {
                assertThat(content.readAllBytes()).hasSize(TestServer.SMALL);
            }
            connection.disconnect();
            List<RecordedEvent> events = recorder.stop();
            assertThat(Recorder.kinds(Recorder.named(events, Recorder.OPENED))).hasSize(1);
            assertThat(Recorder.named(events, Recorder.OPENED).get(0).getString("protocol")).isEqualTo("HTTP/1.1");
            assertThat(Recorder.named(events, Recorder.CLOSED)).hasSize(1);
        }
    }

    @Test
    void aUrlConnectionWrapperStreamsARequestBodyWithTheModeItWasGiven() throws Exception {
        for (int mode = 0; mode < 3; mode++) {
            try (Recorder recorder = Recorder.start()) {
                HttpURLConnection connection = TrackedUrlConnection.open(new URL(server.uri("/small").toString()));
                connection.setRequestMethod("POST");
                connection.setDoOutput(true);
                if (mode == 0) {
                    connection.setFixedLengthStreamingMode(3);
                } else if (mode == 1) {
                    connection.setFixedLengthStreamingMode(3L);
                } else {
                    connection.setChunkedStreamingMode(16);
                }
                assertThat(connection.getRequestMethod()).isEqualTo("POST");
                assertThat(connection.getDoOutput()).isTrue();
                try (OutputStream out = connection.getOutputStream()) {
                    out.write("abc".getBytes(StandardCharsets.US_ASCII));
                }
                assertThat(connection.getResponseCode()).isEqualTo(200);
                assertThat(connection.getResponseMessage()).isEqualTo("OK");
                try (InputStream in = connection.getInputStream()) {
                    assertThat(in.readAllBytes()).hasSize(TestServer.SMALL);
                }
                assertThat(Recorder.kinds(recorder.byResponse().values().iterator().next()))
                        .containsExactly("opened", "drained", "closed");
            }
        }
    }

    @Test
    void aTrackedBodyCountsSkippedAndReadBytesOnceAndNeverOffersMarkReset() throws Exception {
        byte[] bytes = TestServer.body(100);
        List<RecordedEvent> events;
        try (Recorder recorder = Recorder.start()) {
            TrackedResponse response = Leakline.responseOpened("test", 0, "GET", "http://127.0.0.1/x", 200,
                    "HTTP/1.1", bytes.length);
            try (InputStream body = Leakline.trackBody(new ByteArrayInputStream(bytes), response)) {
                assertThat(body.markSupported()).isFalse();
                assertThat(body.read()).isEqualTo(bytes[0] & 0xff);
                assertThat(body.skip(9)).isEqualTo(9);
                assertThat(body.available()).isEqualTo(90);
                assertThat(body.read(new byte[10], 0, 0)).isZero();
                byte[] rest = new byte[200];
                assertThat(body.read(rest, 0, rest.length)).isEqualTo(90);
                assertThat(body.read()).isEqualTo(-1);
            }
            events = recorder.stop();
        }
        assertThat(Recorder.named(events, Recorder.DRAINED)).singleElement()
                .satisfies(e -> assertThat(e.getLong("bytesRead")).isEqualTo(100));
        assertThat(Recorder.named(events, Recorder.CLOSED)).singleElement().satisfies(e -> {
            assertThat(e.getLong("bytesRead")).isEqualTo(100);
            assertThat(e.getBoolean("drained")).isTrue();
        });
        assertThat(Leakline.trackBody(null, TrackedResponse.NONE)).isNull();
    }
}
