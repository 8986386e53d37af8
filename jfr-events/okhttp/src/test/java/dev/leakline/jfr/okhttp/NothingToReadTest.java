package dev.leakline.jfr.okhttp;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.leakline.jfr.testsupport.Recorded;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Responses with nothing to read (204, 304, {@code Content-Length: 0}, HEAD) that the application never touches:
 * OkHttp gives their connection back to the pool by itself, and the recording says so with a
 * {@code leakline.ConnectionReleased} (pooled) on the response's connection, which is what lets the analyzer call
 * them clean (docs/analyzer.md, "Verdicts").
 */
class NothingToReadTest {
    @TempDir
    Path dir;

    @Test
    void untouchedResponsesWithNothingToReadHaveTheirConnectionReleasedPooled() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.createContext("/no-content", e -> {
            e.sendResponseHeaders(204, -1);
            e.close();
        });
        server.createContext("/not-modified", e -> {
            e.sendResponseHeaders(304, -1);
            e.close();
        });
        server.createContext("/empty", e -> {
            e.sendResponseHeaders(200, -1); // -1: Content-Length: 0
            e.close();
        });
        server.start();
        OkHttpClient client = LeaklineOkHttp.instrument(new OkHttpClient.Builder()).build();
        List<Response> untouched = new ArrayList<>();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            Recorded rec = Recorded.during(dir, () -> {
                for (String path : List.of("/no-content", "/not-modified", "/empty")) {
                    untouched.add(client.newCall(new Request.Builder().url(base + path).build()).execute());
                }
                untouched.add(client.newCall(new Request.Builder().url(base + "/empty").head().build()).execute());
            });

            List<RecordedEvent> opened = rec.named(Recorded.OPENED);
            List<RecordedEvent> released = rec.named(Recorded.RELEASED);
            assertThat(Recorded.kinds(rec.events())).containsExactly("started", "opened", "released:pooled",
                    "started", "opened", "released:pooled", "started", "opened", "released:pooled",
                    "started", "opened", "released:pooled");
            assertThat(opened).hasSize(4);
            assertThat(rec.named(Recorded.CLOSED)).isEmpty();
            assertThat(released).hasSize(4);
            for (int i = 0; i < 4; i++) {
                long connection = opened.get(i).getLong("connectionId");
                assertThat(connection).isNotZero();
                assertThat(released.get(i).getString("outcome")).isEqualTo("pooled");
                assertThat(released.get(i).getLong("connectionId")).isEqualTo(connection);
                // The release names its response: the analyzer pairs it without guessing by time.
                assertThat(released.get(i).getLong("responseId")).isEqualTo(opened.get(i).getLong("responseId"));
            }
        } finally {
            untouched.forEach(Response::close);
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
            server.stop(0);
        }
    }
}
