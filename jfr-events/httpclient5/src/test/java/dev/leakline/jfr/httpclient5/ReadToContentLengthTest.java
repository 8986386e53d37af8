package dev.leakline.jfr.httpclient5;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakline.jfr.testsupport.LoopbackServer;
import dev.leakline.jfr.testsupport.Recorded;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.io.CloseMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A body read to its Content-Length and then closed is drained, though the application never read the end of the
 * stream: what Spring's converters do ({@code readNBytes(length)}, then {@code EntityUtils.consume}, which closes).
 */
@SuppressWarnings("deprecation") // CloseableHttpClient.execute(request) is the API applications use.
class ReadToContentLengthTest {
    @Test
    void readingContentLengthBytesThenClosingIsDrainedThenClosed(@TempDir Path dir) throws Exception {
        try (LoopbackServer server = new LoopbackServer()) {
            CloseableHttpClient client = LeaklineHttpClient5.instrument(HttpClients.custom(),
                    PoolingHttpClientConnectionManagerBuilder.create().build()).build();
            byte[][] body = new byte[1][];
            Recorded rec = Recorded.during(dir, () -> {
                CloseableHttpResponse response = client.execute(new HttpGet(server.uri("/body")));
                InputStream in = response.getEntity().getContent();
                body[0] = in.readNBytes((int) response.getEntity().getContentLength());
                in.close();
                response.close();
            });
            client.close(CloseMode.IMMEDIATE);

            assertThat(body[0]).hasSize(LoopbackServer.BODY_LENGTH);
            List<RecordedEvent> events = rec.byResponse().values().iterator().next();
            // The drain comes with the last byte; the release may come before the close (5.2 releases the connection
            // as soon as its stream has delivered Content-Length bytes) or after it (5.3 and later, on the close).
            assertThat(Recorded.kinds(events)).startsWith("opened", "drained:application")
                    .containsExactlyInAnyOrder("opened", "drained:application", "closed:application", "released:pooled");
            RecordedEvent closed = rec.named(Recorded.CLOSED).get(0);
            assertThat(closed.getBoolean("drained")).isTrue();
            assertThat(closed.getLong("bytesRead")).isEqualTo(LoopbackServer.BODY_LENGTH);
        }
    }
}
