package dev.leakline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakline.jfr.Leakline;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.Map;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.util.EntityUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Checks that {@link AgentRecordingBenchmark} measures what its names say, in this JVM (no agent): the in-memory
 * server answers each client's requests in full on one kept-alive connection; a baseline records no Leakline event;
 * a hand-wrapped client records its adapter's events once per response, in a real recording read back. The agent
 * forks check themselves at set-up ({@link OneResponse}). Times nothing.
 *
 * <p>Installs {@link InMemoryServer} for the rest of this test JVM: no other test of this module opens a socket.
 */
class AgentRecordingBenchmarkTest {
    private final AgentRecordingBenchmark.UrlConnectionPath urlConnection = new AgentRecordingBenchmark.UrlConnectionPath();
    private final AgentRecordingBenchmark.Apache4Path apache4 = new AgentRecordingBenchmark.Apache4Path();
    /** JMH's own guard against creating Blackholes outside a benchmark; tests are the documented exception. */
    private final Blackhole blackhole = new Blackhole(
            "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");

    @BeforeAll
    static void noRecordingRuns() {
        assertThat(Leakline.isRecording()).isFalse();
    }

    @AfterEach
    void closeClients() throws IOException {
        if (apache4.plain != null) {
            apache4.tearDown();
        }
    }

    @Test
    void theInMemoryServerAnswersEveryRequestOfAKeptAliveConnectionWithTheWholeBody() throws Exception {
        urlConnection.init();
        URL url = new URL(InMemoryServer.URL);
        int afterFirst = 0;
        for (int i = 0; i < 3; i++) {
            HttpURLConnection connection = (HttpURLConnection) url.openConnection();
            assertThat(connection.getResponseCode()).isEqualTo(200);
            try (InputStream in = connection.getInputStream()) {
                assertThat(in.readAllBytes()).isEqualTo(InMemoryServer.body()).hasSize(1024);
            }
            afterFirst = i == 0 ? InMemoryServer.connections() : afterFirst;
        }
        assertThat(InMemoryServer.connections()).as("the second and third responses on the first's connection")
                .isEqualTo(afterFirst);

        apache4.init();
        int before = InMemoryServer.connections();
        for (int i = 0; i < 3; i++) {
            try (CloseableHttpResponse response = apache4.plain.execute(new HttpGet(InMemoryServer.URL))) {
                assertThat(response.getStatusLine().getStatusCode()).isEqualTo(200);
                assertThat(EntityUtils.toByteArray(response.getEntity())).isEqualTo(InMemoryServer.body());
            }
        }
        assertThat(InMemoryServer.connections() - before).as("a new client's pool: one connection for three")
                .isEqualTo(1);
    }

    @Test
    void eachOperationReadsTheWholeBody() throws Exception {
        urlConnection.init();
        apache4.init();
        assertThat(urlConnection.plain(blackhole)).isEqualTo(1024);
        assertThat(urlConnection.handWrapped(blackhole)).isEqualTo(1024);
        assertThat(apache4.execute(apache4.plain, blackhole)).isEqualTo(1024);
        assertThat(apache4.execute(apache4.handWrapped, blackhole)).isEqualTo(1024);
    }

    @Test
    void baselinesRecordNoLeaklineEvent() throws Exception {
        urlConnection.init();
        apache4.init();
        assertThat(OneResponse.leaklineEvents(() -> urlConnection.plain(blackhole))).isEmpty();
        assertThat(OneResponse.leaklineEvents(() -> apache4.execute(apache4.plain, blackhole))).isEmpty();
    }

    @Test
    void handWrappedClientsRecordTheirAdaptersEventsOncePerResponse() throws Exception {
        urlConnection.init();
        apache4.init();
        assertThat(OneResponse.leaklineEvents(() -> urlConnection.handWrapped(blackhole))).isEqualTo(Map.of(
                "leakline.ResponseOpened", 1L, "leakline.ResponseDrained", 1L, "leakline.ResponseClosed", 1L));
        assertThat(OneResponse.leaklineEvents(() -> apache4.execute(apache4.handWrapped, blackhole))).isEqualTo(Map.of(
                "leakline.ResponseOpened", 1L, "leakline.ResponseDrained", 1L, "leakline.ResponseClosed", 1L,
                "leakline.ConnectionReleased", 1L));
    }

    @Test
    void noAgentIsLoadedInTheTestJvm() {
        assertThat(OneResponse.agentLoaded()).isFalse();
    }
}
