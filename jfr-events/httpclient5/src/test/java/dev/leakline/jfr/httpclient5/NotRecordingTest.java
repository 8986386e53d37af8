package dev.leakline.jfr.httpclient5;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakline.jfr.Leakline;
import dev.leakline.jfr.testsupport.LoopbackServer;
import dev.leakline.jfr.testsupport.Recorded;
import java.nio.file.Path;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without a recording the client works as before and nothing is wrapped; with one, the entity is tracked. */
@SuppressWarnings("deprecation")
class NotRecordingTest {
    @TempDir
    Path dir;

    @Test
    void wrapsNothingWhileNoRecordingWantsTheEvents() throws Exception {
        try (LoopbackServer server = new LoopbackServer();
                CloseableHttpClient client = LeaklineHttpClient5.instrument(HttpClients.custom(),
                        PoolingHttpClientConnectionManagerBuilder.create().build()).build()) {
            assertThat(Leakline.isRecording()).isFalse();
            try (CloseableHttpResponse response = client.execute(new HttpGet(server.uri("/body")))) {
                assertThat(response.getEntity()).isNotInstanceOf(TrackedEntity.class);
                assertThat(response.getEntity().getContent().readAllBytes()).hasSize(LoopbackServer.BODY_LENGTH);
            }
            Recorded.during(dir, () -> {
                try (CloseableHttpResponse response = client.execute(new HttpGet(server.uri("/body")))) {
                    assertThat(response.getEntity()).isInstanceOf(TrackedEntity.class);
                }
            });
        }
    }
}
