package dev.leakline.jfr.okhttp;

import dev.leakline.jfr.testsupport.Recorded;
import dev.leakline.jfr.testsupport.LoopbackServer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leakline.jfr.testsupport.Recorded.Body;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The four cases, five requests each, against a real server on 127.0.0.1, recorded with a real JFR
 * recording: the exact events of each response, connection ids that follow the real connections (the
 * server sees one client port per connection), and released outcomes that match what OkHttp did
 * (pooled: the next request reuses the connection; closed: it does not).
 */
class FourCasesTest {
    private static final int REQUESTS = 5;

    @TempDir
    Path dir;

    private LoopbackServer server;
    private OkHttpClient client;

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackServer();
        client = LeaklineOkHttp.instrument(new OkHttpClient.Builder()).build();
    }

    @AfterEach
    void stop() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
        server.close();
    }

    @Test
    void neitherReadNorClosed() throws Exception {
        List<Response> held = new ArrayList<>();
        Recorded rec = record(() -> {
            for (int i = 0; i < REQUESTS; i++) {
                held.add(get());
            }
        });

        assertEachResponse(rec, List.of("opened"));
        assertConnectionIdsFollowServer(rec, server.clientPorts());
        assertThat(server.clientPorts()).doesNotHaveDuplicates();
        assertThat(rec.named(Recorded.RELEASED)).isEmpty();
        assertThat(held).hasSize(REQUESTS);
        // The stack trace of each open names the line of this test that sent the request.
        for (RecordedEvent opened : rec.named(Recorded.OPENED)) {
            assertThat(opened.getStackTrace().getFrames()).anySatisfy(f -> {
                assertThat(f.getMethod().getType().getName()).isEqualTo(FourCasesTest.class.getName());
                assertThat(f.getMethod().getName()).startsWith("lambda$neitherReadNorClosed");
            });
        }
    }

    @Test
    void closedUnread() throws Exception {
        Recorded rec = record(() -> {
            for (int i = 0; i < REQUESTS; i++) {
                get().close();
            }
        });

        // OkHttp's close reads the rest of a small body (it waits up to 100 ms for it), then pools.
        assertEachResponse(rec, List.of("opened", "closed:application", "drained:library", "released:pooled"));
        rec.named(Recorded.CLOSED).forEach(e -> {
            assertThat(e.getLong("bytesRead")).isZero();
            assertThat(e.getBoolean("drained")).isFalse();
        });
        assertOutcomesMatchServer(rec);
        assertThat(distinctConnectionIds(rec)).hasSize(1);
    }

    @Test
    void closedUnreadWhileTheRestIsStillComing() throws Exception {
        Recorded rec = record(() -> {
            for (int i = 0; i < REQUESTS; i++) {
                get("/slow").close();
                server.sendRest();
            }
        });

        // The rest of the body does not come within OkHttp's discard window: it closes the connection.
        assertEachResponse(rec, List.of("opened", "closed:application", "released:closed"), "/slow");
        assertOutcomesMatchServer(rec);
        assertThat(distinctConnectionIds(rec)).hasSize(REQUESTS);
    }

    @Test
    void readToTheEndNotClosed() throws Exception {
        Recorded rec = record(() -> {
            for (int i = 0; i < REQUESTS; i++) {
                assertThat(get().body().byteStream().readAllBytes()).hasSize(LoopbackServer.BODY_LENGTH);
            }
        });

        // OkHttp releases the connection once the body's last byte is buffered, before the read that sees the end.
        assertEachResponse(rec, List.of("opened", "released:pooled", "drained:application"));
        rec.named(Recorded.DRAINED).forEach(e -> assertThat(e.getLong("bytesRead"))
                .isEqualTo(LoopbackServer.BODY_LENGTH));
        assertOutcomesMatchServer(rec);
        assertThat(distinctConnectionIds(rec)).hasSize(1);
    }

    @Test
    void readAndClosed() throws Exception {
        Recorded rec = record(() -> {
            for (int i = 0; i < REQUESTS; i++) {
                try (Response response = get()) {
                    assertThat(response.body().bytes()).hasSize(LoopbackServer.BODY_LENGTH);
                }
            }
        });

        assertEachResponse(rec, List.of("opened", "released:pooled", "drained:application", "closed:application"));
        rec.named(Recorded.CLOSED).forEach(e -> {
            assertThat(e.getLong("bytesRead")).isEqualTo(LoopbackServer.BODY_LENGTH);
            assertThat(e.getBoolean("drained")).isTrue();
        });
        assertOutcomesMatchServer(rec);
        assertThat(distinctConnectionIds(rec)).hasSize(1);
    }

    private Response get() throws java.io.IOException {
        return get("/body");
    }

    private Response get(String path) throws java.io.IOException {
        return client.newCall(new Request.Builder().url(server.uri(path)).build()).execute();
    }

    private Recorded record(Body body) throws Exception {
        return Recorded.during(dir, body);
    }

    private void assertEachResponse(Recorded rec, List<String> expected) {
        assertEachResponse(rec, expected, "/body");
    }

    private void assertEachResponse(Recorded rec, List<String> expected, String path) {
        Map<Long, List<RecordedEvent>> responses = rec.byResponse();
        assertThat(responses).hasSize(REQUESTS);
        responses.values().forEach(events -> assertThat(Recorded.kinds(events)).isEqualTo(expected));
        for (RecordedEvent opened : rec.named(Recorded.OPENED)) {
            assertThat(opened.getString("client")).isEqualTo(LeaklineOkHttp.CLIENT);
            assertThat(opened.getString("method")).isEqualTo("GET");
            assertThat(opened.getString("uri")).isEqualTo(server.uri(path));
            assertThat(opened.getInt("status")).isEqualTo(200);
            assertThat(opened.getString("protocol")).isEqualTo("HTTP/1.1");
            assertThat(opened.getLong("contentLength")).isEqualTo(LoopbackServer.BODY_LENGTH);
            assertThat(opened.getLong("connectionId")).isNotZero();
            // Named on the open too, so that a leak whose connection is never released still has its pool.
            assertThat(opened.getString("pool")).isEqualTo(server.origin());
        }
        for (RecordedEvent released : rec.named(Recorded.RELEASED)) {
            RecordedEvent opened = responses.get(released.getLong("responseId")).get(0);
            assertThat(released.getLong("connectionId")).isEqualTo(opened.getLong("connectionId"));
            assertThat(released.getString("pool")).isEqualTo(server.origin());
            assertThat(opened.getString("pool")).isEqualTo(released.getString("pool"));
        }
    }

    /**
     * Checks the recorded outcome of each release against the server: after a pooled release the next
     * request arrives on the same connection (same client port), after a closed one on a new connection.
     * A probe request after the recording checks the last release.
     */
    private void assertOutcomesMatchServer(Recorded rec) throws Exception {
        get().close();
        List<Integer> ports = server.clientPorts();
        assertThat(ports).hasSize(REQUESTS + 1);
        List<RecordedEvent> released = rec.named(Recorded.RELEASED);
        assertThat(released).hasSize(REQUESTS);
        for (int i = 0; i < REQUESTS; i++) {
            boolean reused = ports.get(i).equals(ports.get(i + 1));
            assertThat(released.get(i).getString("outcome")).as("release %d", i)
                    .isEqualTo(reused ? "pooled" : "closed");
        }
        assertConnectionIdsFollowServer(rec, ports.subList(0, REQUESTS));
    }

    /** Two responses share a connection id exactly when the server saw them on the same connection. */
    static void assertConnectionIdsFollowServer(Recorded rec, List<Integer> ports) {
        List<RecordedEvent> opened = rec.named(Recorded.OPENED);
        assertThat(opened).hasSameSizeAs(ports);
        for (int i = 0; i < ports.size(); i++) {
            for (int j = 0; j < ports.size(); j++) {
                boolean sameConnection = ports.get(i).equals(ports.get(j));
                boolean sameId = opened.get(i).getLong("connectionId") == opened.get(j).getLong("connectionId");
                assertThat(sameId).as("responses %d and %d", i, j).isEqualTo(sameConnection);
            }
        }
    }

    private static List<Long> distinctConnectionIds(Recorded rec) {
        return rec.named(Recorded.OPENED).stream().map(e -> e.getLong("connectionId")).distinct()
                .collect(Collectors.toList());
    }
}
