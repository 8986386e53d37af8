package dev.leakline.jfr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakline.jfr.testing.Recorder;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReferenceArray;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

/**
 * Many threads opening, reading and closing responses through the core API while a recording runs:
 * one open per response, at most one drain and exactly one close, however many threads close it.
 */
class ConcurrencyTest {
    private static final int THREADS = 16;
    private static final int RESPONSES_PER_THREAD = 10_000;
    private static final byte[] BODY = new byte[32];

    @Test
    void everyResponseOpensOnceAndClosesOnceUnderConcurrentCloses() throws Exception {
        // Each thread publishes its latest body here; its neighbour closes it too, racing the owner's close.
        AtomicReferenceArray<InputStream> latest = new AtomicReferenceArray<>(THREADS);
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<long[]> drainedIds = new ArrayList<>();
        List<long[]> openedIds = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            drainedIds.add(new long[RESPONSES_PER_THREAD]);
            openedIds.add(new long[RESPONSES_PER_THREAD]);
        }
        CountDownLatch start = new CountDownLatch(1);
        Path file;
        // Stack traces off for this recording only: 160,000 stack walks would dominate the run time,
        // and the stack trace is not what this test is about.
        try (Recorder recorder = Recorder.start(r -> r.enable(Recorder.OPENED).withoutStackTrace())) {
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int self = t;
                Thread thread = new Thread(() -> {
                    try {
                        start.await();
                        for (int i = 0; i < RESPONSES_PER_THREAD; i++) {
                            TrackedResponse response = Leakline.responseOpened("stress", 0, "GET", "http://h/p",
                                    200, "HTTP/1.1", BODY.length);
                            openedIds.get(self)[i] = response.id();
                            InputStream body = Leakline.trackBody(new ByteArrayInputStream(BODY), response);
                            latest.set(self, body);
                            if (i % 3 == 0) {
                                body.readAllBytes();
                                drainedIds.get(self)[i] = response.id();
                            } else if (i % 3 == 1) {
                                body.read(new byte[8]);
                            }
                            InputStream neighbours = latest.get((self + 1) % THREADS);
                            if (neighbours != null) {
                                neighbours.close();
                            }
                            body.close();
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }, "stress-" + t);
                thread.start();
                threads.add(thread);
            }
            start.countDown();
            for (Thread thread : threads) {
                thread.join();
            }
            file = recorder.stopAndDump();

            assertThat(failures).isEmpty();
            Map<Long, int[]> counts = new HashMap<>(THREADS * RESPONSES_PER_THREAD * 2);
            try (RecordingFile recording = new RecordingFile(file)) {
                while (recording.hasMoreEvents()) {
                    RecordedEvent event = recording.readEvent();
                    String name = event.getEventType().getName();
                    int kind = name.equals(Recorder.OPENED) ? 0 : name.equals(Recorder.DRAINED) ? 1
                            : name.equals(Recorder.CLOSED) ? 2 : -1;
                    if (kind >= 0) {
                        counts.computeIfAbsent(event.getLong("responseId"), id -> new int[3])[kind]++;
                    }
                }
            }

            assertThat(counts).hasSize(THREADS * RESPONSES_PER_THREAD);
            for (int t = 0; t < THREADS; t++) {
                for (int i = 0; i < RESPONSES_PER_THREAD; i++) {
                    long id = openedIds.get(t)[i];
                    int[] c = counts.get(id);
                    assertThat(c).as("events of response %d", id).isNotNull();
                    int drained = drainedIds.get(t)[i] == id ? 1 : 0;
                    assertThat(c).as("opened, drained, closed of response %d", id).containsExactly(1, drained, 1);
                }
            }
        }
    }

    @Test
    void twoThreadsClosingEveryResponseAtOnceRecordOneCloseEach() throws Exception {
        int responses = 10_000;
        Map<Long, Integer> closes = new HashMap<>();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        try (Recorder recorder = Recorder.start(r -> r.enable(Recorder.OPENED).withoutStackTrace())) {
            InputStream[] bodies = new InputStream[responses];
            long[] ids = new long[responses];
            for (int i = 0; i < responses; i++) {
                TrackedResponse response = Leakline.responseOpened("stress", 0, "GET", "http://h/p", 200, "HTTP/1.1",
                        BODY.length);
                ids[i] = response.id();
                bodies[i] = Leakline.trackBody(new ByteArrayInputStream(BODY), response);
            }
            // Both threads walk the same responses in the same order from the same start signal, so most
            // closes of a response happen on both threads at nearly the same moment.
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> closers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                Thread closer = new Thread(() -> {
                    try {
                        start.await();
                        for (InputStream body : bodies) {
                            body.close();
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }, "closer-" + t);
                closer.start();
                closers.add(closer);
            }
            start.countDown();
            for (Thread closer : closers) {
                closer.join();
            }
            for (RecordedEvent event : recorder.stop()) {
                if (event.getEventType().getName().equals(Recorder.CLOSED)) {
                    closes.merge(event.getLong("responseId"), 1, Integer::sum);
                }
            }
            assertThat(failures).isEmpty();
            for (long id : ids) {
                assertThat(closes.get(id)).as("closes of response %d", id).isEqualTo(1);
            }
            assertThat(closes).hasSize(responses);
        }
    }
}
