package dev.leakline.jfr.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;

/**
 * The checks every pooled client's adapter must pass, against a {@link LoopbackServer} that knows which
 * connection served each request. Shared so that each client's test states only what differs: its name and
 * how it sends the probe request.
 */
public final class AdapterAssertions {
    private AdapterAssertions() {
    }

    /**
     * Each of the {@code requests} responses has exactly the {@code expected} event kinds, its open the
     * request's fields, and every release the connection and pool of its response's open.
     */
    public static void assertEachResponse(Recorded rec, int requests, List<String> expected, String client,
            String uri, String pool) {
        Map<Long, List<RecordedEvent>> responses = rec.byResponse();
        assertThat(responses).hasSize(requests);
        responses.values().forEach(events -> assertThat(Recorded.kinds(events)).isEqualTo(expected));
        for (RecordedEvent opened : rec.named(Recorded.OPENED)) {
            assertThat(opened.getString("client")).isEqualTo(client);
            assertThat(opened.getString("method")).isEqualTo("GET");
            assertThat(opened.getString("uri")).isEqualTo(uri);
            assertThat(opened.getInt("status")).isEqualTo(200);
            assertThat(opened.getString("protocol")).isEqualTo("HTTP/1.1");
            assertThat(opened.getLong("contentLength")).isEqualTo(LoopbackServer.BODY_LENGTH);
            assertThat(opened.getLong("connectionId")).isNotZero();
            // Named on the open too, so that a leak whose connection is never released still has its pool.
            assertThat(opened.getString("pool")).isEqualTo(pool);
        }
        // Each release names the connection its response opened on, and the very pool that open named.
        for (RecordedEvent released : rec.named(Recorded.RELEASED)) {
            RecordedEvent opened = responses.get(released.getLong("responseId")).stream()
                    .filter(e -> e.getEventType().getName().equals(Recorded.OPENED)).findFirst().orElseThrow();
            assertThat(released.getLong("connectionId")).isEqualTo(opened.getLong("connectionId"));
            assertThat(released.getString("pool")).isEqualTo(pool);
            assertThat(opened.getString("pool")).isEqualTo(released.getString("pool"));
        }
    }

    /**
     * Checks the recorded outcome of each release against the server: after a pooled release the next
     * request arrives on the same connection (same client port), after a closed one on a new connection.
     * {@code ports} are the server's client ports for the {@code requests} plus one probe request sent after
     * the recording, which checks the last release.
     */
    public static void assertOutcomesMatchServer(Recorded rec, List<Integer> ports, int requests) {
        assertThat(ports).hasSize(requests + 1);
        List<RecordedEvent> released = rec.named(Recorded.RELEASED);
        assertThat(released).hasSize(requests);
        for (int i = 0; i < requests; i++) {
            boolean reused = ports.get(i).equals(ports.get(i + 1));
            assertThat(released.get(i).getString("outcome")).as("release %d", i)
                    .isEqualTo(reused ? "pooled" : "closed");
        }
        assertConnectionIdsFollowServer(rec, ports.subList(0, requests));
    }

    /** Two responses share a connection id exactly when the server saw them on the same connection. */
    public static void assertConnectionIdsFollowServer(Recorded rec, List<Integer> ports) {
        List<RecordedEvent> opened = rec.named(Recorded.OPENED);
        assertThat(opened).hasSameSizeAs(ports);
        for (int i = 0; i < ports.size(); i++) {
            for (int j = 0; j < ports.size(); j++) {
                boolean sameConnection = ports.get(i).equals(ports.get(j));
                boolean sameId = opened.get(i).getLong("connectionId") == opened.get(j).getLong("connectionId");
                assertThat(sameId).as("responses %d and %d", i, j).isEqualTo(sameConnection);
            }
        }
    }

    /** The distinct connection ids of the recording's opened responses. */
    public static List<Long> distinctConnectionIds(Recorded rec) {
        return rec.named(Recorded.OPENED).stream().map(e -> e.getLong("connectionId")).distinct()
                .collect(Collectors.toList());
    }
}
