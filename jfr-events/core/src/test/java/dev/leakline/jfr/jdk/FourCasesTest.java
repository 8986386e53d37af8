package dev.leakline.jfr.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakline.jfr.testing.Recorder;
import dev.leakline.jfr.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The four things an application can do with a body, for both JDK clients, with a body smaller and one
 * larger than the clients' buffers: the exact events each response gets, read back from a real recording.
 */
class FourCasesTest {
    private static final int REQUESTS = 5;

    private static TestServer server;
    private static HttpClient httpClient;

    @BeforeAll
    static void startServer() throws IOException {
        server = new TestServer();
        // HTTP/1.1 explicitly: the test server speaks nothing else, and the protocol is asserted.
        httpClient = TrackedHttpClient.wrap(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    /** What the application does with the body. */
    enum Case {
        NEITHER_READ_NOR_CLOSED(List.of("opened")),
        CLOSED_UNREAD(List.of("opened", "closed")),
        READ_NOT_CLOSED(List.of("opened", "drained")),
        READ_AND_CLOSED(List.of("opened", "drained", "closed"));

        final List<String> expectedKinds;

        Case(List<String> expectedKinds) {
            this.expectedKinds = expectedKinds;
        }

        boolean reads() {
            return this == READ_NOT_CLOSED || this == READ_AND_CLOSED;
        }

        boolean closes() {
            return this == CLOSED_UNREAD || this == READ_AND_CLOSED;
        }
    }

    /** A response the test opened; {@link #release()} frees its connection after the recording stopped. */
    interface Opened {
        InputStream body();

        void release() throws IOException;
    }

    enum Client {
        JAVA_NET_HTTP("java.net.http") {
            @Override
            Opened open(URI uri) throws IOException, InterruptedException {
                HttpResponse<InputStream> response = httpClient.send(HttpRequest.newBuilder(uri).build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                assertThat(response.statusCode()).isEqualTo(200);
                return new Opened() {
                    @Override
                    public InputStream body() {
                        return response.body();
                    }

                    @Override
                    public void release() throws IOException {
                        response.body().close();
                    }
                };
            }

            @Override
            boolean knowsConnection() {
                // HttpResponse.connectionLabel() exists from JDK 25 on; before, the client does not tell.
                return Runtime.version().feature() >= 25;
            }
        },
        URL_CONNECTION("HttpURLConnection") {
            @Override
            Opened open(URI uri) throws IOException {
                HttpURLConnection connection = TrackedUrlConnection.open(uri.toURL());
                assertThat(connection).isInstanceOf(TrackedUrlConnection.class);
                InputStream body = connection.getInputStream(); // The first touch: opens the response.
                return new Opened() {
                    @Override
                    public InputStream body() {
                        return body;
                    }

                    @Override
                    public void release() throws IOException {
                        body.close();
                        connection.disconnect();
                    }
                };
            }

            @Override
            boolean knowsConnection() {
                return false; // HttpURLConnection exposes no connection identity.
            }
        };

        final String label;

        Client(String label) {
            this.label = label;
        }

        abstract Opened open(URI uri) throws IOException, InterruptedException;

        /** Whether the client tells which connection carried a response, so the connection id is not 0. */
        abstract boolean knowsConnection();
    }

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (Client client : Client.values()) {
            for (Case c : Case.values()) {
                for (int size : new int[] {TestServer.SMALL, TestServer.LARGE}) {
                    all.add(Arguments.of(client, c, size));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2} bytes")
    @MethodSource("cases")
    void fourCases(Client client, Case c, int size) throws Exception {
        URI uri = server.uri(size == TestServer.SMALL ? "/small" : "/large");
        List<Opened> opened = new ArrayList<>();
        Map<Long, List<RecordedEvent>> responses;
        try (Recorder recorder = Recorder.start()) {
            for (int i = 0; i < REQUESTS; i++) {
                Opened response = client.open(uri);
                opened.add(response);
                if (c.reads()) {
                    assertThat(response.body().readAllBytes()).isEqualTo(TestServer.body(size));
                }
                if (c.closes()) {
                    response.body().close();
                }
            }
            responses = recorder.byResponse();
        } finally {
            for (Opened response : opened) {
                response.release(); // After the recording stopped: these closes are not recorded.
            }
        }

        assertThat(responses).hasSize(REQUESTS);
        for (List<RecordedEvent> events : responses.values()) {
            assertThat(Recorder.kinds(events)).as("event kinds").isEqualTo(c.expectedKinds);

            RecordedEvent open = events.get(0);
            assertThat(open.getString("client")).isEqualTo(client.label);
            assertThat(open.getString("pool")).as("the JDK clients name no pool").isNull();
            assertThat(open.getInt("status")).isEqualTo(200);
            assertThat(open.getString("method")).isEqualTo("GET");
            assertThat(open.getString("uri")).isEqualTo(uri.toString());
            assertThat(open.getString("protocol")).isEqualTo("HTTP/1.1");
            assertThat(open.getLong("contentLength")).isEqualTo(size);
            assertThat(open.getLong("connectionId") != 0).as("connection id known").isEqualTo(client.knowsConnection());
            assertThat(Recorder.frames(open)).contains(FourCasesTest.class.getName() + ".fourCases");

            for (RecordedEvent event : events.subList(1, events.size())) {
                switch (Recorder.kind(event)) {
                    case "drained" -> {
                        assertThat(event.getLong("bytesRead")).isEqualTo(size);
                        assertThat(event.getString("drainedBy")).isEqualTo("application");
                    }
                    case "closed" -> {
                        assertThat(event.getLong("bytesRead")).isEqualTo(c.reads() ? size : 0);
                        assertThat(event.getBoolean("drained")).isEqualTo(c.reads());
                        assertThat(event.getString("closedBy")).isEqualTo("application");
                    }
                    default -> throw new AssertionError("unexpected " + event);
                }
            }
        }
    }
}
