package dev.leakline.jfr.okhttp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakline.jfr.Leakline;
import dev.leakline.jfr.testsupport.LoopbackServer;
import dev.leakline.jfr.testsupport.Recorded;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user's own listener keeps receiving its events, with or without a recording; without one nothing is
 * wrapped; instrumenting twice adds nothing.
 */
class ComposabilityTest {
    @TempDir
    Path dir;

    /** A user's listener that writes down the events it gets. */
    static final class UserListener extends EventListener {
        final List<String> seen = new CopyOnWriteArrayList<>();

        @Override
        public void callStart(Call call) {
            seen.add("callStart");
        }

        @Override
        public void connectionAcquired(Call call, Connection connection) {
            seen.add("connectionAcquired");
        }

        @Override
        public void responseBodyEnd(Call call, long byteCount) {
            seen.add("responseBodyEnd:" + byteCount);
        }

        @Override
        public void connectionReleased(Call call, Connection connection) {
            seen.add("connectionReleased");
        }

        @Override
        public void callEnd(Call call) {
            seen.add("callEnd");
        }

        /** OkHttp 5's event (no {@code @Override}: compiled against OkHttp 4); fires once per response. */
        public void followUpDecision(Call call, Response networkResponse, Request nextRequest) {
            seen.add("followUpDecision");
        }
    }

    @Test
    void userListenerSeesEveryEventWhetherRecordingOrNot() throws Exception {
        UserListener user = new UserListener();
        OkHttpClient.Builder builder = new OkHttpClient.Builder().eventListener(user);
        LeaklineOkHttp.instrument(builder);
        LeaklineOkHttp.instrument(builder);
        assertThat(builder.interceptors()).containsOnlyOnce(LeaklineOkHttp.interceptor());
        OkHttpClient client = builder.build();
        List<String> oneCall = new java.util.ArrayList<>(List.of("callStart", "connectionAcquired",
                "responseBodyEnd:" + LoopbackServer.BODY_LENGTH, "connectionReleased", "callEnd"));
        if (System.getProperty("leakline.test.okhttp.version").startsWith("5.")) {
            oneCall.add(2, "followUpDecision"); // OkHttp 5 decides on follow-ups before the body is read.
        }
        try (LoopbackServer server = new LoopbackServer()) {
            Request request = new Request.Builder().url(server.uri("/body")).build();

            assertThat(Leakline.isRecording()).isFalse();
            try (Response response = client.newCall(request).execute()) {
                assertThat(response.body()).isNotInstanceOf(TrackedBody.class);
                assertThat(response.body().bytes()).hasSize(LoopbackServer.BODY_LENGTH);
            }
            assertThat(user.seen).isEqualTo(oneCall);
            user.seen.clear();

            Recorded rec = Recorded.during(dir, () -> {
                try (Response response = client.newCall(request).execute()) {
                    ResponseBody body = response.body();
                    assertThat(body).isInstanceOf(TrackedBody.class);
                    assertThat(body.bytes()).hasSize(LoopbackServer.BODY_LENGTH);
                }
            });
            assertThat(user.seen).isEqualTo(oneCall);
            assertThat(Recorded.kinds(rec.events()))
                    .containsExactly("started", "opened", "released:pooled", "drained:application",
                            "closed:application");
        } finally {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }
}
