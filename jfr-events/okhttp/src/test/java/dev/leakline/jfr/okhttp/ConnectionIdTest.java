package dev.leakline.jfr.okhttp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakline.jfr.Leakline;
import dev.leakline.jfr.testsupport.LoopbackServer;
import dev.leakline.jfr.testsupport.Recorded;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One TCP connection has one connection id for its whole life, even after its remote address learns its host name
 * (JFR's socket events resolve it, changing {@code InetSocketAddress.toString()} from {@code /127.0.0.1:8080} to
 * {@code localhost/127.0.0.1:8080}), and every id is below 2<sup>53</sup> so JSON readers keep it exact.
 */
class ConnectionIdTest {
    @TempDir
    Path dir;

    /** Does what JFR's socket events do to the connection's remote address after the first call: resolve it. */
    static final class ResolvingListener extends EventListener {
        @Override
        public void connectionReleased(Call call, Connection connection) {
            connection.socket().getInetAddress().getHostName();
        }
    }

    @Test
    void aPooledConnectionKeepsItsIdAfterItsRemoteAddressIsResolved() throws Exception {
        OkHttpClient client = LeaklineOkHttp.instrument(new OkHttpClient.Builder()
                .eventListener(new ResolvingListener())).build();
        try (LoopbackServer server = new LoopbackServer()) {
            Request request = new Request.Builder().url(server.uri("/body")).build();
            Recorded rec = Recorded.during(dir, () -> {
                for (int i = 0; i < 2; i++) {
                    try (Response response = client.newCall(request).execute()) {
                        assertThat(response.body().bytes()).hasSize(LoopbackServer.BODY_LENGTH);
                    }
                }
            });

            assertThat(new java.util.HashSet<>(server.clientPorts())).as("one TCP connection for both calls").hasSize(1);
            List<Long> opened = ids(rec.named(Recorded.OPENED));
            List<Long> released = ids(rec.named(Recorded.RELEASED));
            assertThat(opened).hasSize(2);
            assertThat(released).hasSize(2);
            assertThat(opened.get(0)).isNotZero().isLessThan(1L << 53);
            assertThat(opened).containsOnly(opened.get(0));
            assertThat(released).containsOnly(opened.get(0));
        } finally {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }

    private static List<Long> ids(List<RecordedEvent> events) {
        return events.stream().map(e -> e.getLong("connectionId")).collect(Collectors.toList());
    }

    @Test
    void connectionIdsStayBelowTwoToThe53() {
        for (int i = 0; i < 10_000; i++) {
            long id = Leakline.connectionId("http-outgoing-" + i);
            assertThat(id).isPositive().isLessThan(1L << 53);
        }
    }
}
