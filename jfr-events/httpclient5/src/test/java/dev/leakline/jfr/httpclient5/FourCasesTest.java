package dev.leakline.jfr.httpclient5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.leakline.jfr.testsupport.AdapterAssertions;
import dev.leakline.jfr.testsupport.LoopbackServer;
import dev.leakline.jfr.testsupport.Recorded.Body;
import dev.leakline.jfr.testsupport.Recorded;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The four cases, five requests each, against a real server on 127.0.0.1, recorded with a real JFR
 * recording: the exact events of each response, connection ids that follow the real connections (the
 * server sees one client port per connection), and released outcomes that match what the client did
 * (pooled: the next request reuses the connection; closed: it does not).
 */
@SuppressWarnings("deprecation") // CloseableHttpClient.execute(request) is the API applications that leak use.
class FourCasesTest {
    private static final int REQUESTS = 5;

    @TempDir
    Path dir;

    private LoopbackServer server;
    private CloseableHttpClient client;

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackServer();
        PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnPerRoute(REQUESTS).setMaxConnTotal(REQUESTS).build();
        client = LeaklineHttpClient5.instrument(HttpClients.custom(), pool)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.ofMilliseconds(500)).build())
                .build();
    }

    @AfterEach
    void stop() throws Exception {
        client.close(CloseMode.IMMEDIATE);
        server.close();
    }

    @Test
    void neitherReadNorClosed() throws Exception {
        List<CloseableHttpResponse> held = new ArrayList<>();
        Recorded rec = record(() -> {
            for (int i = 0; i < REQUESTS; i++) {
                held.add(client.execute(new HttpGet(server.uri("/body"))));
            }
        });

        assertEachResponse(rec, List.of("opened"));
        AdapterAssertions.assertConnectionIdsFollowServer(rec, server.clientPorts());
        assertThat(server.clientPorts()).doesNotHaveDuplicates();
        assertThat(rec.named(Recorded.RELEASED)).isEmpty();
        assertThat(held).hasSize(REQUESTS);
    }

    @Test
    void closedUnread() throws Exception {
        Recorded rec = record(() -> {
            for (int i = 0; i < REQUESTS; i++) {
                client.execute(new HttpGet(server.uri("/body"))).close();
            }
        });

        // 5.2+: close() reads the rest of the body itself, then pools the connection.
        assertEachResponse(rec, List.of("opened", "closed:application", "drained:library", "released:pooled"));
        rec.named(Recorded.CLOSED).forEach(e -> {
            assertThat(e.getLong("bytesRead")).isZero();
            assertThat(e.getBoolean("drained")).isFalse();
        });
        rec.named(Recorded.DRAINED).forEach(e -> assertThat(e.getLong("bytesRead")).isZero());
        assertOutcomesMatchServer(rec);
        assertThat(AdapterAssertions.distinctConnectionIds(rec)).hasSize(1);
    }

    @Test
    void closedImmediatelyUnread() throws Exception {
        assumeTrue(hasModalClose(), "CloseableHttpResponse.close(CloseMode) is new in 5.4");
        Recorded rec = record(() -> {
            for (int i = 0; i < REQUESTS; i++) {
                client.execute(new HttpGet(server.uri("/body"))).close(CloseMode.IMMEDIATE);
            }
        });

        // close(IMMEDIATE) bypasses the entity and shuts the connection.
        assertEachResponse(rec, List.of("opened", "closed:application", "released:closed"));
        assertOutcomesMatchServer(rec);
        assertThat(AdapterAssertions.distinctConnectionIds(rec)).hasSize(REQUESTS);
    }

    @Test
    void readToTheEndNotClosed() throws Exception {
        Recorded rec = record(() -> {
            for (int i = 0; i < REQUESTS; i++) {
                CloseableHttpResponse response = client.execute(new HttpGet(server.uri("/body")));
                assertThat(response.getEntity().getContent().readAllBytes()).hasSize(LoopbackServer.BODY_LENGTH);
            }
        });

        // Apache returns the connection at the end of the body, before the application's read sees -1.
        assertEachResponse(rec, List.of("opened", "drained:application", "released:pooled"));
        rec.named(Recorded.DRAINED).forEach(e -> assertThat(e.getLong("bytesRead"))
                .isEqualTo(LoopbackServer.BODY_LENGTH));
        assertOutcomesMatchServer(rec);
        assertThat(AdapterAssertions.distinctConnectionIds(rec)).hasSize(1);
    }

    @Test
    void readToTheEndOfAConnectionCloseResponse() throws Exception {
        Recorded rec = record(() -> {
            for (int i = 0; i < REQUESTS; i++) {
                CloseableHttpResponse response = client.execute(new HttpGet(server.uri("/close")));
                assertThat(response.getEntity().getContent().readAllBytes()).hasSize(LoopbackServer.BODY_LENGTH);
            }
        });

        // The server said "Connection: close": at the end of the body the client closes the connection.
        assertEachResponse(rec, List.of("opened", "drained:application", "released:closed"), "/close");
        assertOutcomesMatchServer(rec);
        assertThat(AdapterAssertions.distinctConnectionIds(rec)).hasSize(REQUESTS);
    }

    @Test
    void readAndClosed() throws Exception {
        Recorded rec = record(() -> {
            for (int i = 0; i < REQUESTS; i++) {
                try (CloseableHttpResponse response = client.execute(new HttpGet(server.uri("/body")));
                        InputStream body = response.getEntity().getContent()) {
                    assertThat(body.readAllBytes()).hasSize(LoopbackServer.BODY_LENGTH);
                }
            }
        });

        assertEachResponse(rec, List.of("opened", "drained:application", "released:pooled", "closed:application"));
        rec.named(Recorded.CLOSED).forEach(e -> {
            assertThat(e.getLong("bytesRead")).isEqualTo(LoopbackServer.BODY_LENGTH);
            assertThat(e.getBoolean("drained")).isTrue();
        });
        assertOutcomesMatchServer(rec);
        assertThat(AdapterAssertions.distinctConnectionIds(rec)).hasSize(1);
    }

    @Test
    void readByAResponseHandler() throws Exception {
        Recorded rec = record(() -> {
            for (int i = 0; i < REQUESTS; i++) {
                String body = client.execute(new HttpGet(server.uri("/body")),
                        response -> org.apache.hc.core5.http.io.entity.EntityUtils.toString(response.getEntity()));
                assertThat(body).hasSize(LoopbackServer.BODY_LENGTH);
            }
        });

        // The handler reads to the end; the client then consumes the entity, which closes its stream.
        assertEachResponse(rec, List.of("opened", "drained:application", "released:pooled", "closed:application"));
        assertOutcomesMatchServer(rec);
        assertThat(AdapterAssertions.distinctConnectionIds(rec)).hasSize(1);
    }

    private Recorded record(Body body) throws Exception {
        return Recorded.during(dir, body);
    }

    private void assertEachResponse(Recorded rec, List<String> expected) {
        assertEachResponse(rec, expected, "/body");
    }

    private void assertEachResponse(Recorded rec, List<String> expected, String path) {
        AdapterAssertions.assertEachResponse(rec, REQUESTS, expected, LeaklineHttpClient5.CLIENT, server.uri(path), server.origin());
    }

    /** Sends the probe request the outcome check needs, then checks every release against the server. */
    private void assertOutcomesMatchServer(Recorded rec) throws Exception {
        client.execute(new HttpGet(server.uri("/body"))).close();
        AdapterAssertions.assertOutcomesMatchServer(rec, server.clientPorts(), REQUESTS);
    }

    private static boolean hasModalClose() {
        try {
            CloseableHttpResponse.class.getMethod("close", CloseMode.class);
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

}
