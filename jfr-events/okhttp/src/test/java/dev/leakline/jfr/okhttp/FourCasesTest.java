package dev.leakline.jfr.okhttp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakline.jfr.testsupport.AdapterAssertions;
import dev.leakline.jfr.testsupport.LoopbackServer;
import dev.leakline.jfr.testsupport.Recorded.Body;
import dev.leakline.jfr.testsupport.Recorded;
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

        assertEachResponse(rec, List.of("started", "opened"));
        AdapterAssertions.assertConnectionIdsFollowServer(rec, server.clientPorts());
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
        assertEachResponse(rec,
                List.of("started", "opened", "closed:application", "drained:library", "released:pooled"));
        rec.named(Recorded.CLOSED).forEach(e -> {
            assertThat(e.getLong("bytesRead")).isZero();
            assertThat(e.getBoolean("drained")).isFalse();
        });
        assertOutcomesMatchServer(rec);
        assertThat(AdapterAssertions.distinctConnectionIds(rec)).hasSize(1);
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
        assertEachResponse(rec, List.of("started", "opened", "closed:application", "released:closed"), "/slow");
        assertOutcomesMatchServer(rec);
        assertThat(AdapterAssertions.distinctConnectionIds(rec)).hasSize(REQUESTS);
    }

    @Test
    void readToTheEndNotClosed() throws Exception {
        Recorded rec = record(() -> {
            for (int i = 0; i < REQUESTS; i++) {
                assertThat(get().body().byteStream().readAllBytes()).hasSize(LoopbackServer.BODY_LENGTH);
            }
        });

        // OkHttp releases the connection once the body's last byte is buffered, before the read that sees the end.
        assertEachResponse(rec, List.of("started", "opened", "released:pooled", "drained:application"));
        rec.named(Recorded.DRAINED).forEach(e -> assertThat(e.getLong("bytesRead"))
                .isEqualTo(LoopbackServer.BODY_LENGTH));
        assertOutcomesMatchServer(rec);
        assertThat(AdapterAssertions.distinctConnectionIds(rec)).hasSize(1);
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

        assertEachResponse(rec,
                List.of("started", "opened", "released:pooled", "drained:application", "closed:application"));
        rec.named(Recorded.CLOSED).forEach(e -> {
            assertThat(e.getLong("bytesRead")).isEqualTo(LoopbackServer.BODY_LENGTH);
            assertThat(e.getBoolean("drained")).isTrue();
        });
        assertOutcomesMatchServer(rec);
        assertThat(AdapterAssertions.distinctConnectionIds(rec)).hasSize(1);
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
        AdapterAssertions.assertEachResponse(rec, REQUESTS, expected, LeaklineOkHttp.CLIENT, server.uri(path), server.origin());
    }

    /** Sends the probe request the outcome check needs, then checks every release against the server. */
    private void assertOutcomesMatchServer(Recorded rec) throws Exception {
        get().close();
        AdapterAssertions.assertOutcomesMatchServer(rec, server.clientPorts(), REQUESTS);
    }

}
