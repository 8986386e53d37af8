package dev.leakline.jfr.httpclient5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakline.jfr.testsupport.AdapterAssertions;
import dev.leakline.jfr.testsupport.LoopbackServer;
import dev.leakline.jfr.testsupport.Recorded;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The failure Leakline exists for: a pool of 5 per route, 5 responses left open, and the 6th request waits
 * for a connection until it times out. The recording must show who holds the 5 connections.
 */
@SuppressWarnings("deprecation") // CloseableHttpClient.execute(request) is the API applications that leak use.
class PoolExhaustionTest {
    private static final int MAX_PER_ROUTE = 5;

    @TempDir
    Path dir;

    @Test
    void sixthRequestTimesOutAndTheRecordingShowsTheFiveHolders() throws Exception {
        try (LoopbackServer server = new LoopbackServer()) {
            PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
                    .setMaxConnPerRoute(MAX_PER_ROUTE).setMaxConnTotal(2 * MAX_PER_ROUTE).build();
            HttpClientBuilder builder = LeaklineHttpClient5.instrument(HttpClients.custom(), pool, "orders-api")
                    .setDefaultRequestConfig(RequestConfig.custom()
                            .setConnectionRequestTimeout(Timeout.ofMilliseconds(500)).build());
            CloseableHttpClient client = builder.build();
            List<CloseableHttpResponse> leaked = new ArrayList<>();
            try {
                Recorded rec = Recorded.during(dir, () -> {
                    for (int i = 0; i < MAX_PER_ROUTE; i++) {
                        leaked.add(client.execute(new HttpGet(server.uri("/body"))));
                    }
                    assertThatThrownBy(() -> client.execute(new HttpGet(server.uri("/body"))))
                            .isInstanceOf(ConnectionRequestTimeoutException.class);
                });

                List<RecordedEvent> opened = rec.named(Recorded.OPENED);
                assertThat(opened).hasSize(MAX_PER_ROUTE);
                assertThat(opened.stream().map(e -> e.getLong("connectionId")).distinct())
                        .hasSize(MAX_PER_ROUTE).doesNotContain(0L);
                assertThat(server.clientPorts()).hasSize(MAX_PER_ROUTE).doesNotHaveDuplicates();
                AdapterAssertions.assertConnectionIdsFollowServer(rec, server.clientPorts());
                // Nothing gave a connection back, and nothing finished a response: only the opens name the pool.
                assertThat(rec.named(Recorded.RELEASED)).isEmpty();
                assertThat(opened).allSatisfy(e -> assertThat(e.getString("pool")).isEqualTo("orders-api"));
                assertThat(rec.named(Recorded.DRAINED)).isEmpty();
                assertThat(rec.named(Recorded.CLOSED)).isEmpty();
                // Each holder's stack trace names the line that opened it.
                for (RecordedEvent e : opened) {
                    assertThat(e.getStackTrace()).isNotNull();
                    assertThat(e.getStackTrace().getFrames()).anySatisfy(f -> assertTestFrame(f));
                }
                assertThat(leaked).hasSize(MAX_PER_ROUTE);
            } finally {
                client.close(CloseMode.IMMEDIATE);
            }
        }
    }

    private static void assertTestFrame(RecordedFrame frame) {
        assertThat(frame.getMethod().getType().getName()).isEqualTo(PoolExhaustionTest.class.getName());
        assertThat(frame.getMethod().getName()).startsWith("lambda$sixthRequestTimesOutAndTheRecordingShowsTheFiveHolders");
        assertThat(frame.getLineNumber()).isPositive();
    }
}
