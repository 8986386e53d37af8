package dev.leakline.jfr.httpclient5;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakline.jfr.testsupport.LoopbackServer;
import dev.leakline.jfr.testsupport.Recorded;
import java.nio.file.Path;
import java.util.List;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.io.CloseMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Apache's standard way to discard a response, {@code EntityUtils.consume(entity)} on an entity nobody read: it
 * closes the content stream, HttpClient 5.2+ reads the rest and pools the connection. The recording shows exactly
 * that (closed unread, drained by the library, released pooled), which the analyzer reports as information, not as
 * a mistake (docs/analyzer.md, "Severity follows cost").
 */
@SuppressWarnings("deprecation") // CloseableHttpClient.execute(request) is the API such code uses.
class EntityUtilsConsumeTest {
    @TempDir
    Path dir;

    @Test
    void consumingAnUnreadEntityClosesItAndPoolsTheConnection() throws Exception {
        PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create().build();
        try (LoopbackServer server = new LoopbackServer();
                CloseableHttpClient client = LeaklineHttpClient5.instrument(HttpClients.custom(), pool).build()) {
            Recorded rec = Recorded.during(dir, () -> {
                for (int i = 0; i < 3; i++) {
                    CloseableHttpResponse response = client.execute(new HttpGet(server.uri("/body")));
                    EntityUtils.consume(response.getEntity());
                }
            });

            for (List<jdk.jfr.consumer.RecordedEvent> events : rec.byResponse().values()) {
                assertThat(Recorded.kinds(events)).containsExactly("opened", "closed:application",
                        "drained:library", "released:pooled");
            }
            assertThat(rec.byResponse()).hasSize(3);
            assertThat(new java.util.HashSet<>(server.clientPorts())).as("one connection, reused").hasSize(1);
            client.close(CloseMode.IMMEDIATE);
        }
    }
}
