package dev.leakline.engine.pairing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.leakline.engine.event.JvmRun;

/** When the application asked for a response: its asynchronous start if there was one, else its open. */
class ResponseTest {
    private static Response response(long openedNanos, long startedNanos) {
        return new Response(new JvmRun(1, 2), 1, 0, "c", "GET", "http://h/", 200, "HTTP/1.1", -1, openedNanos, -1,
                -1, 0, null, null, 1, "main", List.of(), Verdict.LEAKED, 0, false, null, null, startedNanos);
    }

    @Test
    void requestedIsTheStartOfAnAsynchronousRequestElseTheOpen() {
        assertThat(response(5_000, 3_000).requestedNanos()).isEqualTo(3_000);
        assertThat(response(5_000, 0).requestedNanos()).isEqualTo(0);
        assertThat(response(5_000, -1).requestedNanos()).isEqualTo(5_000);
    }
}
