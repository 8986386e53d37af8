package dev.leakline.jfr.httpclient4;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakline.jfr.testsupport.AdapterAssertions;
import dev.leakline.jfr.testsupport.LoopbackServer;
import dev.leakline.jfr.testsupport.Recorded;
import dev.leakline.jfr.testsupport.Recorded.Body;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;
import org.apache.http.util.EntityUtils;
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
class FourCasesTest {
    private static final int REQUESTS = 5;

    @TempDir
    Path dir;

    private LoopbackServer server;
    private PoolingHttpClientConnectionManager pool;
    private CloseableHttpClient client;

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackServer();
        pool = new PoolingHttpClientConnectionManager();
        pool.setMaxTotal(REQUESTS);
        pool.setDefaultMaxPerRoute(REQUESTS);
        client = LeaklineHttpClient4.instrument(HttpClients.custom(), pool)
                .setDefaultRequestConfig(RequestConfig.custom().setConnectionRequestTimeout(500).build())
                .build();
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
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
        assertThat(pool.getTotalStats().getLeased()).isEqualTo(REQUESTS);
    }

    @Test
    void closedUnread() throws Exception {
        Recorded rec = record(() -> {
            for (int i = 0; i < REQUESTS; i++) {
                client.execute(new HttpGet(server.uri("/body"))).close();
            }
        });

        // 4.5: CloseableHttpResponse.close() on an unread body shuts the connection instead of reading the rest.
        assertEachResponse(rec, List.of("opened", "closed:application", "released:closed"));
        rec.named(Recorded.CLOSED).forEach(e -> {
            assertThat(e.getLong("bytesRead")).isZero();
            assertThat(e.getBoolean("drained")).isFalse();
        });
        assertOutcomesMatchServer(rec);
        assertThat(AdapterAssertions.distinctConnectionIds(rec)).hasSize(REQUESTS);
    }

    @Test
    void consumedUnread() throws Exception {
        Recorded rec = record(() -> {
            for (int i = 0; i < REQUESTS; i++) {
                CloseableHttpResponse response = client.execute(new HttpGet(server.uri("/body")));
                EntityUtils.consume(response.getEntity());
            }
        });

        // Closing the content stream (what EntityUtils.consume does) reads the rest, then pools the connection.
        assertEachResponse(rec, List.of("opened", "closed:application", "drained:library", "released:pooled"));
        rec.named(Recorded.DRAINED).forEach(e -> assertThat(e.getLong("bytesRead")).isZero());
        assertOutcomesMatchServer(rec);
        assertThat(AdapterAssertions.distinctConnectionIds(rec)).hasSize(1);
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
                        response -> EntityUtils.toString(response.getEntity()));
                assertThat(body).hasSize(LoopbackServer.BODY_LENGTH);
            }
        });

        // The handler reads to the end and closes the stream; the client then closes the response.
        assertEachResponse(rec, List.of("opened", "drained:application", "released:pooled", "closed:application"));
        assertOutcomesMatchServer(rec);
        assertThat(AdapterAssertions.distinctConnectionIds(rec)).hasSize(1);
    }

    @Test
    void abortedUnread() throws Exception {
        Recorded rec = record(() -> {
            for (int i = 0; i < REQUESTS; i++) {
                HttpGet get = new HttpGet(server.uri("/body"));
                client.execute(get);
                get.abort();
            }
        });

        // abort() shuts the connection of a response nobody read: the application ended it.
        assertEachResponse(rec, List.of("opened", "closed:application", "released:closed"));
        assertOutcomesMatchServer(rec);
    }

    private Recorded record(Body body) throws Exception {
        return Recorded.during(dir, body);
    }

    private void assertEachResponse(Recorded rec, List<String> expected) {
        assertEachResponse(rec, expected, "/body");
    }

    private void assertEachResponse(Recorded rec, List<String> expected, String path) {
        AdapterAssertions.assertEachResponse(rec, REQUESTS, expected, LeaklineHttpClient4.CLIENT, server.uri(path),
                server.origin());
    }

    /** Sends the probe request the outcome check needs, then checks every release against the server. */
    private void assertOutcomesMatchServer(Recorded rec) throws Exception {
        client.execute(new HttpGet(server.uri("/body"))).close();
        AdapterAssertions.assertOutcomesMatchServer(rec, server.clientPorts(), REQUESTS);
    }
}
