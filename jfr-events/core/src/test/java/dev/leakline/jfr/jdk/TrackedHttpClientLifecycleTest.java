package dev.leakline.jfr.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** The wrapper answers as the wrapped client does, and closing it closes the wrapped client where the JDK can. */
class TrackedHttpClientLifecycleTest {

    @Test
    void configurationIsTheWrappedClients() {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            HttpClient plain = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .connectTimeout(Duration.ofSeconds(7))
                    .executor(executor)
                    .build();
            HttpClient tracked = TrackedHttpClient.wrap(plain);
            assertThat(tracked).isInstanceOf(TrackedHttpClient.class);
            assertThat(TrackedHttpClient.wrap(tracked)).isSameAs(tracked);
            assertThat(tracked.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
            assertThat(tracked.followRedirects()).isEqualTo(HttpClient.Redirect.NORMAL);
            assertThat(tracked.connectTimeout()).contains(Duration.ofSeconds(7));
            assertThat(tracked.executor()).<Executor>contains(executor);
            assertThat(tracked.sslContext()).isSameAs(plain.sslContext());
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void closeClosesTheWrappedClientOnJdk21AndLater() throws Exception {
        HttpClient plain = HttpClient.newHttpClient();
        TrackedHttpClient tracked = (TrackedHttpClient) TrackedHttpClient.wrap(plain);
        assertThat(tracked.isTerminated()).isFalse();
        tracked.close();
        if (Runtime.version().feature() >= 21) {
            // The wrapped client itself reports terminated: the close reached it.
            assertThat(tracked.isTerminated()).isTrue();
            assertThat(tracked.awaitTermination(Duration.ofSeconds(1))).isTrue();
        } else {
            // Before JDK 21 an HttpClient cannot be closed: the wrapper says so rather than pretend.
            assertThat(tracked.isTerminated()).isFalse();
            assertThat(tracked.awaitTermination(Duration.ofMillis(1))).isFalse();
        }
    }
}
