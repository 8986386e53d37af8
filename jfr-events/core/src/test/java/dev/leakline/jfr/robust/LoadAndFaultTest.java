package dev.leakline.jfr.robust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakline.jfr.testing.Recorder;
import dev.leakline.jfr.testing.TestServer;
import dev.leakline.jfr.Leakline;
import dev.leakline.jfr.TrackedResponse;
import dev.leakline.jfr.jdk.TrackedHttpClient;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;

/**
 * The library inside a busy service: many threads, responses opened on one thread and read and closed on another,
 * body streams that fail in the middle of a read. Nothing but the application's own stream's exceptions may reach
 * the application, and every response's events stay consistent (one open, one close).
 */
class LoadAndFaultTest {
    private static final int REQUESTERS = 8;
    private static final int REQUESTS_EACH = 20;
    private static final int CLOSERS = 4;
    private static final int FAILING = 40;

    /** The application's own failure, thrown by the body stream; the only exception it may see. */
    private static final class BodyFailure extends IOException {
        private static final long serialVersionUID = 1L;

        BodyFailure(String message) {
            super(message);
        }
    }

    @Test
    void closesOnOtherThreadsAndFailingBodiesKeepEventsConsistent() throws Exception {
        Queue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        Queue<Long> failingIds = new ConcurrentLinkedQueue<>();
        List<RecordedEvent> events;
        try (TestServer server = new TestServer(16 * 1024); Recorder recorded = Recorder.start()) {
            HttpClient client = TrackedHttpClient.wrap(
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
            ExecutorService closers = Executors.newFixedThreadPool(CLOSERS);
            ExecutorService requesters = Executors.newFixedThreadPool(REQUESTERS);
            CountDownLatch done = new CountDownLatch(REQUESTERS * REQUESTS_EACH + FAILING);
            for (int r = 0; r < REQUESTERS; r++) {
                int requester = r;
                requesters.execute(() -> {
                    for (int i = 0; i < REQUESTS_EACH; i++) {
                        int n = requester * REQUESTS_EACH + i;
                        try {
                            HttpResponse<InputStream> response = client.send(
                                    HttpRequest.newBuilder(server.uri("/load/" + n)).build(),
                                    HttpResponse.BodyHandlers.ofInputStream());
                            InputStream body = response.body();
                            // Read, and close, on a thread that did not open the response.
                            closers.execute(() -> {
                                try (body) {
                                    switch (n % 3) {
                                        case 0 -> body.readAllBytes();
                                        case 1 -> body.read(new byte[100]);
                                        default -> { } // closed unread
                                    }
                                } catch (Throwable t) {
                                    unexpected.add(t);
                                } finally {
                                    done.countDown();
                                }
                            });
                        } catch (Throwable t) {
                            unexpected.add(t);
                            done.countDown();
                        }
                    }
                });
            }
            // Bodies whose stream fails mid-read (a reset connection, a decoder error), opened through the API.
            for (int i = 0; i < FAILING; i++) {
                int n = i;
                requesters.execute(() -> {
                    try {
                        TrackedResponse tracked = Leakline.responseOpened("robust", 0, "GET",
                                server.uri("/failing/" + n).toString(), 200, "HTTP/1.1", 1000);
                        failingIds.add(tracked.id());
                        InputStream body = Leakline.trackBody(new FailingStream(n), tracked);
                        Throwable seen = null;
                        try {
                            body.readAllBytes();
                        } catch (Throwable t) {
                            seen = t;
                        }
                        if (!(seen instanceof BodyFailure || seen instanceof IllegalStateException
                                && "decoder".equals(seen.getMessage()))) {
                            unexpected.add(seen == null ? new AssertionError("no failure seen") : seen);
                        }
                        closers.execute(() -> {
                            try {
                                body.close();
                            } catch (BodyFailure expected) {
                                // the stream's own close failure
                            } catch (Throwable t) {
                                unexpected.add(t);
                            } finally {
                                done.countDown();
                            }
                        });
                    } catch (Throwable t) {
                        unexpected.add(t);
                        done.countDown();
                    }
                });
            }
            assertThat(done.await(120, TimeUnit.SECONDS)).as("all responses finished").isTrue();
            requesters.shutdown();
            closers.shutdown();
            assertThat(closers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            events = recorded.stop();
        }

        assertThat(unexpected).as("exceptions that reached application code").isEmpty();
        List<RecordedEvent> opened = Recorder.named(events, Recorder.OPENED);
        List<RecordedEvent> closed = Recorder.named(events, Recorder.CLOSED);
        assertThat(opened).hasSize(REQUESTERS * REQUESTS_EACH + FAILING);
        Map<Long, Long> opens = opened.stream().collect(Collectors.groupingBy(e -> e.getLong("responseId"),
                Collectors.counting()));
        Map<Long, Long> closes = closed.stream().collect(Collectors.groupingBy(e -> e.getLong("responseId"),
                Collectors.counting()));
        assertThat(opens.values()).as("one open per response").containsOnly(1L);
        assertThat(closes.values()).as("at most one close per response").containsOnly(1L);
        assertThat(closes.keySet()).as("every response closed, on whichever thread").isEqualTo(opens.keySet());
        assertThat(Recorder.named(events, Recorder.DRAINED))
                .as("failing bodies never reached their end")
                .noneMatch(e -> failingIds.contains(e.getLong("responseId")));
        Map<Long, RecordedEvent> closeById = closed.stream()
                .collect(Collectors.toMap(e -> e.getLong("responseId"), Function.identity()));
        List<Boolean> failingDrained = new ArrayList<>();
        failingIds.forEach(id -> failingDrained.add(closeById.get(id).getBoolean("drained")));
        assertThat(failingDrained).containsOnly(false);
    }

    /**
     * Gives 500 bytes, then fails: every other stream with the application's IOException, the rest with a runtime
     * exception (as a decoding stream might); its close fails too for a third of them.
     */
    private static final class FailingStream extends FilterInputStream {
        private final int n;

        FailingStream(int n) {
            super(new ByteArrayInputStream(new byte[500]));
            this.n = n;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            return b < 0 ? fail() : b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int r = super.read(buffer, offset, length);
            return r < 0 ? fail() : r;
        }

        private int fail() throws IOException {
            if (n % 2 == 0) {
                throw new BodyFailure("connection reset");
            }
            throw new IllegalStateException("decoder");
        }

        @Override
        public void close() throws IOException {
            super.close();
            if (n % 3 == 0) {
                throw new BodyFailure("close failed");
            }
        }
    }
}
