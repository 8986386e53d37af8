package dev.leakline.jfr.httpclient4;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakline.jfr.Leakline;
import dev.leakline.jfr.testsupport.LoopbackServer;
import dev.leakline.jfr.testsupport.Recorded;
import java.nio.file.Path;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without a recording the client works as before and nothing is wrapped; with one, the entity is tracked. */
class NotRecordingTest {
    @TempDir
    Path dir;

    @Test
    void wrapsNothingWhileNoRecordingWantsTheEvents() throws Exception {
        try (LoopbackServer server = new LoopbackServer();
                CloseableHttpClient client = LeaklineHttpClient4.instrument(HttpClients.custom(),
                        new PoolingHttpClientConnectionManager()).build()) {
            assertThat(Leakline.isRecording()).isFalse();
            try (CloseableHttpResponse response = client.execute(new HttpGet(server.uri("/body")))) {
                assertThat(response.getEntity()).isNotInstanceOf(TrackedEntity.class);
                assertThat(response.getEntity().getContent().readAllBytes()).hasSize(LoopbackServer.BODY_LENGTH);
            }
            Recorded rec = Recorded.during(dir, () -> {
                try (CloseableHttpResponse response = client.execute(new HttpGet(server.uri("/body")))) {
                    assertThat(response.getEntity()).isInstanceOf(TrackedEntity.class);
                }
            });
            assertThat(rec.named(Recorded.OPENED)).hasSize(1);
        }
    }
}
