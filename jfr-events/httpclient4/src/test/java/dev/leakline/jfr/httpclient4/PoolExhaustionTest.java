package dev.leakline.jfr.httpclient4;

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
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.conn.ConnectionPoolTimeoutException;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The failure Leakline exists for, as AWS SDK users meet it: a pool of 5 per route, 5 responses left open,
 * and the 6th request fails with "Timeout waiting for connection from pool". The recording must show who
 * holds the 5 connections.
 */
class PoolExhaustionTest {
    private static final int MAX_PER_ROUTE = 5;

    @TempDir
    Path dir;

    @Test
    void sixthRequestTimesOutAndTheRecordingShowsTheFiveHolders() throws Exception {
        try (LoopbackServer server = new LoopbackServer()) {
            PoolingHttpClientConnectionManager pool = new PoolingHttpClientConnectionManager();
            pool.setDefaultMaxPerRoute(MAX_PER_ROUTE);
            pool.setMaxTotal(2 * MAX_PER_ROUTE);
            List<CloseableHttpResponse> leaked = new ArrayList<>();
            try (CloseableHttpClient client = LeaklineHttpClient4.instrument(HttpClients.custom(), pool, "orders-api")
                    .setDefaultRequestConfig(RequestConfig.custom().setConnectionRequestTimeout(500).build())
                    .build()) {
                Recorded rec = Recorded.during(dir, () -> {
                    for (int i = 0; i < MAX_PER_ROUTE; i++) {
                        leaked.add(client.execute(new HttpGet(server.uri("/body"))));
                    }
                    assertThatThrownBy(() -> client.execute(new HttpGet(server.uri("/body"))))
                            .isInstanceOf(ConnectionPoolTimeoutException.class)
                            .hasMessage("Timeout waiting for connection from pool");
                });

                List<RecordedEvent> opened = rec.named(Recorded.OPENED);
                assertThat(opened).hasSize(MAX_PER_ROUTE);
                assertThat(opened.stream().map(e -> e.getLong("connectionId")).distinct())
                        .hasSize(MAX_PER_ROUTE).doesNotContain(0L);
                assertThat(server.clientPorts()).hasSize(MAX_PER_ROUTE).doesNotHaveDuplicates();
                AdapterAssertions.assertConnectionIdsFollowServer(rec, server.clientPorts());
                assertThat(rec.named(Recorded.RELEASED)).isEmpty();
                assertThat(opened).allSatisfy(e -> assertThat(e.getString("pool")).isEqualTo("orders-api"));
                assertThat(rec.named(Recorded.DRAINED)).isEmpty();
                assertThat(rec.named(Recorded.CLOSED)).isEmpty();
                // Each holder's stack trace names the line that opened it.
                for (RecordedEvent e : opened) {
                    assertThat(e.getStackTrace()).isNotNull();
                    assertThat(e.getStackTrace().getFrames()).anySatisfy(PoolExhaustionTest::assertTestFrame);
                }
                assertThat(leaked).hasSize(MAX_PER_ROUTE);
            }
        }
    }

    private static void assertTestFrame(RecordedFrame frame) {
        assertThat(frame.getMethod().getType().getName()).isEqualTo(PoolExhaustionTest.class.getName());
        assertThat(frame.getMethod().getName())
                .startsWith("lambda$sixthRequestTimesOutAndTheRecordingShowsTheFiveHolders");
        assertThat(frame.getLineNumber()).isPositive();
    }
}
