package dev.leakline.bench.scripts;

import dev.leakline.jfr.Leakline;
import dev.leakline.jfr.ReleaseOutcome;
import dev.leakline.jfr.TrackedResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * Writes a large, realistic Leakline recording for the analyzer benchmark (bench/analyzer-bench.sh).
 *
 * <p>A real {@code jdk.jfr.Recording} with the JDK's "default" settings plus the shipped leakline.jfc records to disk
 * with no size or age limit (so every chunk is kept; chunks rotate at the JVM's default chunk size). Three "lane"
 * threads each run a fixed plan of responses through the real core API ({@link Leakline#responseOpened},
 * {@link Leakline#trackBody}, reads, {@code close()}, {@link Leakline#connectionReleased}); every batch of responses
 * runs on a fresh thread, so the file also holds hundreds of {@code jdk.ThreadStart}/{@code jdk.ThreadEnd} events,
 * and three "cache-refresher" threads stay alive past the end of the recording.
 *
 * <p>Responses are opened from five application call paths at recursion depths of 0 to 40 (so the stack traces vary
 * in depth and content). With a fixed seed per lane: 1 in 1000 responses leaks (opened, maybe partly read, never
 * closed) and only from two of the paths; 5 in 1000 are closed before their end; the rest are read to the end and
 * closed. A leaked response pins its connection, so the batch's next response on that connection gets a new one, as a
 * pool would open (a million leaks: a million connections). The plan (number of responses) is derived from the
 * target size, so the counts printed at the end are the same on every run with the same target; if the file would
 * still fall short, extra batches are added and counted.
 *
 * <p>Run with the core jar on the class path (the JDK's source launcher compiles this file in memory):
 * <pre>java -cp leakline-jfr-events.jar bench/scripts/GenerateBigRecording.java /tmp/big.jfr 520</pre>
 * Writing is paced at 10 MB/s (so about a minute for 520 MB); {@code -DrateMb=N} changes the pace. Faster than the
 * recorder thread can write, JFR drops data, and the expected verdicts no longer hold: the bench script checks that
 * the file holds every generated event and no {@code jdk.DataLoss} (and makes it again at half the pace if not), and
 * runs this with {@code -XX:FlightRecorderOptions:memorysize=64m} so that JFR can buffer through short stalls.
 * The last lines are {@code key=value} pairs that the bench script reads.
 */
public final class GenerateBigRecording {
    private static final long SEED = 20261123L;
    private static final int LANES = 3;
    private static final int BATCH = 4_000;
    private static final int REFRESHERS = 3;
    /**
     * Bytes one response adds to the file, measured on JDK 17 (about 214 with the JDK's periodic events); a lower
     * value here makes the plan overshoot the target a little rather than fall short.
     */
    private static final double BYTES_PER_RESPONSE = 208.0;
    /** The analyzer's default --min-age is 5 s: the last leak must be older than that when the recording ends. */
    private static final long SETTLE_MILLIS = 6_500;
    private static final int MAX_DEPTH = 40;
    /**
     * Write rate, MB/s. Unpaced, the lanes outrun JFR's recorder thread on a busy machine: it then drops buffers
     * (jdk.DataLoss, 7 % of the responses on 2 loaded cores at 30 MB/s) and writes chunks of up to 96 MB.
     */
    private static final double RATE_MB_PER_SECOND = Double.parseDouble(System.getProperty("rateMb", "10"));

    /**
     * Leaked responses per 1000 ({@code -DleakPerMille=1000} leaks every response: the "one million leaked
     * responses" recording of the memory target). The next 5 per 1000 are closed early, the rest are clean.
     */
    private static final int LEAK_PER_MILLE = Integer.getInteger("leakPerMille", 1);
    /** A fixed number of responses instead of a target size ({@code -Dresponses=N}, rounded up to whole batches). */
    private static final long RESPONSES = Long.getLong("responses", 0);
    /**
     * JDK noise per response ({@code -Dnoise=N}): N rounds of a thread park, a file write and a loopback socket write
     * and read, each recorded at threshold 0 with its stack trace: about 4 N JDK events per response that the analyzer
     * does not need (N = 5 makes them over 80 % of the events).
     */
    private static final int NOISE = Integer.getInteger("noise", 0);

    private static final byte[][] BODIES = {new byte[0], body(120), body(512), body(2_048), body(8_192)};

    private GenerateBigRecording() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: java -cp <leakline-jfr-events.jar> GenerateBigRecording.java OUT.jfr [TARGET_MB]");
            System.exit(2);
        }
        Path out = Paths.get(args[0]).toAbsolutePath();
        long targetMb = args.length == 2 ? Long.parseLong(args[1]) : 520;
        long targetBytes = targetMb * 1024 * 1024;
        long planned = RESPONSES > 0 ? RESPONSES : (long) Math.ceil(targetBytes / BYTES_PER_RESPONSE);
        int batchesPerLane = (int) Math.max(1, Math.ceil(planned / (double) (LANES * BATCH)));

        Tally tally = new Tally(System.nanoTime());
        CountDownLatch releaseRefreshers = new CountDownLatch(1);
        long started = System.nanoTime();
        try (Recording recording = new Recording(settings())) {
            recording.setName("leakline-analyzer-bench");
            recording.setToDisk(true);
            recording.setDestination(out);
            recording.start();

            List<Thread> refreshers = new ArrayList<>();
            for (int i = 1; i <= REFRESHERS; i++) {
                Thread t = new Thread(() -> awaitQuietly(releaseRefreshers), "cache-refresher-" + i);
                t.setDaemon(true);
                t.start();
                refreshers.add(t);
            }

            if (NOISE > 0) {
                Noise.start(out.getParent());
            }
            runLanes(batchesPerLane, 0, tally);
            int extraRounds = 0;
            // Recording.getSize() counts finished chunks only, so "below target" here means the file would be short.
            while (RESPONSES == 0 && recording.getSize() < targetBytes) {
                extraRounds++;
                runLanes(1, batchesPerLane + extraRounds - 1, tally);
            }
            Thread.sleep(SETTLE_MILLIS);
            recording.stop();
            releaseRefreshers.countDown();
            for (Thread t : refreshers) {
                t.join();
            }

            long size = Files.size(out);
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf(Locale.ROOT, "Wrote %s: %.1f MB in %.1f s (target %d MB, paced at %.1f MB/s, %d extra rounds)%n",
                    out, size / 1048576.0, seconds, targetMb, RATE_MB_PER_SECOND, extraRounds);
            System.out.println("file=" + out);
            System.out.println("bytes=" + size);
            System.out.println("chunks=" + countChunks(out));
            System.out.println("responses=" + tally.opened.get());
            System.out.println("expected_clean=" + tally.clean.get());
            System.out.println("expected_closed_unread=" + tally.closedEarly.get());
            System.out.println("expected_leaked=" + tally.leaked.get());
            System.out.println("events_opened=" + tally.opened.get());
            System.out.println("events_drained=" + tally.clean.get());
            System.out.println("events_closed=" + (tally.clean.get() + tally.closedEarly.get()));
            System.out.println("events_released=" + (tally.clean.get() + tally.closedEarly.get()));
            System.out.println("events_leakline=" + (tally.opened.get() + tally.clean.get()
                    + 2 * (tally.clean.get() + tally.closedEarly.get())));
            System.out.println("threads_started=" + (tally.threads.get() + REFRESHERS));
            System.out.println("threads_left_alive=" + REFRESHERS);
            System.out.println("noise_rounds=" + Noise.rounds.get());
        }
    }

    /** The JDK's "default" settings with leakline.jfc on top, as the docs tell users to record. */
    private static Map<String, String> settings() throws IOException, ParseException {
        Map<String, String> settings = new HashMap<>(Configuration.getConfiguration("default").getSettings());
        try (InputStream in = Leakline.class.getResourceAsStream("/dev/leakline/jfr/leakline.jfc")) {
            if (in == null) {
                throw new IllegalStateException("leakline.jfc is not on the class path: put the core jar on -cp");
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                settings.putAll(Configuration.create(reader).getSettings());
            }
        }
        if (NOISE > 0) {
            for (String type : new String[] {"jdk.ThreadPark", "jdk.FileWrite", "jdk.FileRead", "jdk.SocketRead",
                    "jdk.SocketWrite"}) {
                settings.put(type + "#enabled", "true");
                settings.put(type + "#threshold", "0 ms");
                settings.put(type + "#stackTrace", "true");
            }
        }
        return settings;
    }

    private static void runLanes(int batches, int firstBatch, Tally tally) throws InterruptedException {
        List<Thread> lanes = new ArrayList<>();
        for (int lane = 1; lane <= LANES; lane++) {
            Lane work = new Lane(lane, firstBatch, batches, tally);
            Thread t = new Thread(work::run, "lane-" + lane);
            tally.threads.incrementAndGet();
            t.start();
            lanes.add(t);
        }
        for (Thread t : lanes) {
            t.join();
        }
    }

    /** Chunks are back to back, each starting with the magic FLR\0 and its size at offset 8. */
    private static int countChunks(Path file) throws IOException {
        int chunks = 0;
        try (var channel = java.nio.channels.FileChannel.open(file)) {
            java.nio.ByteBuffer header = java.nio.ByteBuffer.allocate(16);
            long position = 0;
            long length = channel.size();
            while (position + 16 <= length) {
                header.clear();
                channel.read(header, position);
                header.flip();
                if (header.getInt(0) != 0x464c5200) {
                    break;
                }
                chunks++;
                position += header.getLong(8);
            }
        }
        return chunks;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] body(int size) {
        byte[] b = new byte[size];
        new SplittableRandom(size).nextBytes(b);
        return b;
    }

    /** What was generated; the expected analyzer verdicts. */
    private static final class Tally {
        final AtomicLong opened = new AtomicLong();
        final AtomicLong clean = new AtomicLong();
        final AtomicLong closedEarly = new AtomicLong();
        final AtomicLong leaked = new AtomicLong();
        final AtomicLong threads = new AtomicLong();
        final long startNanos;

        Tally(long startNanos) {
            this.startNanos = startNanos;
        }

        /** Sleeps while the responses opened so far are ahead of {@link #RATE_MB_PER_SECOND}. */
        void pace() {
            double due = opened.get() * BYTES_PER_RESPONSE / (RATE_MB_PER_SECOND * 1024 * 1024);
            long aheadMillis = (long) ((due - (System.nanoTime() - startNanos) / 1e9) * 1000);
            if (aheadMillis > 0) {
                try {
                    Thread.sleep(aheadMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** What becomes of one response. */
    private enum Fate { CLEAN, CLOSED_EARLY, LEAKED }

    /** One lane: its batches, each on a new thread, with the lane's own seeded random sequence. */
    private static final class Lane {
        private final int lane;
        private final int firstBatch;
        private final int batches;
        private final Tally tally;

        Lane(int lane, int firstBatch, int batches, Tally tally) {
            this.lane = lane;
            this.firstBatch = firstBatch;
            this.batches = batches;
            this.tally = tally;
        }

        void run() {
            for (int b = firstBatch; b < firstBatch + batches; b++) {
                Batch batch = new Batch(lane, b, new SplittableRandom(SEED * 1_000_003L + lane * 65_537L + b), tally);
                Thread t = new Thread(batch::run, "http-batch-" + lane + "-" + b);
                tally.threads.incrementAndGet();
                t.start();
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** {@link #BATCH} responses on one thread. */
    private static final class Batch {
        private final SplittableRandom random;
        private final Tally tally;
        private final long[] connections = new long[8];
        private final byte[] buffer = new byte[4_096];
        private final String pool;
        private final String name;
        /** Connections opened in place of one a leak pinned. */
        private int replaced;

        Batch(int lane, int batch, SplittableRandom random, Tally tally) {
            this.random = random;
            this.tally = tally;
            this.name = "lane-" + lane + "-batch-" + batch;
            this.pool = "lane-" + lane + "-pool";
            for (int i = 0; i < connections.length; i++) {
                connections[i] = Leakline.connectionId("lane-" + lane + "-conn-" + i);
            }
        }

        void run() {
            for (int i = 0; i < BATCH; i++) {
                int r = random.nextInt(1000);
                Fate fate = r < LEAK_PER_MILLE ? Fate.LEAKED : r < LEAK_PER_MILLE + 5 ? Fate.CLOSED_EARLY : Fate.CLEAN;
                // Leaks come from two of the five paths only, so the analyzer has exactly two leak sites to group.
                int path = fate == Fate.LEAKED ? 3 + random.nextInt(2) : random.nextInt(5);
                long entity = random.nextLong(1_000_000);
                int connection = random.nextInt(8);
                Call call = new Call(this, fate, entity, connections[connection], BODIES[random.nextInt(BODIES.length)]);
                Router.dispatch(random.nextInt(MAX_DEPTH + 1), path, call);
                if (fate == Fate.LEAKED) {
                    // A leaked response pins its connection: the pool opens another for the next request.
                    connections[connection] = Leakline.connectionId(name + "-conn-" + ++replaced);
                }
                Noise.make(NOISE);
                if (i % 250 == 249) {
                    tally.pace();
                }
            }
            Noise.endThread();
        }

        /** Consumes a response's body as its fate says. */
        void finish(TrackedResponse response, Call call) {
            tally.opened.incrementAndGet();
            InputStream body = Leakline.trackBody(new ByteArrayInputStream(call.body), response);
            try {
                switch (call.fate) {
                    case CLEAN:
                        while (body.read(buffer) >= 0) {
                            // read to the end: the read that returns -1 records leakline.ResponseDrained
                        }
                        body.close();
                        Leakline.connectionReleased(call.connection, pool, ReleaseOutcome.POOLED, response.id());
                        tally.clean.incrementAndGet();
                        break;
                    case CLOSED_EARLY:
                        if (call.body.length > 64) {
                            body.read(buffer, 0, 64); // a short body would be read to its end: not read at all
                        }
                        body.close();
                        Leakline.connectionReleased(call.connection, pool, ReleaseOutcome.CLOSED, response.id());
                        tally.closedEarly.incrementAndGet();
                        break;
                    default:
                        if (call.body.length > 64) {
                            body.read(buffer, 0, 64); // partly read, then abandoned
                        }
                        tally.leaked.incrementAndGet();
                        break;
                }
            } catch (IOException e) {
                throw new IllegalStateException(e); // a ByteArrayInputStream does not throw
            }
        }
    }

    /** JDK events the analyzer does not need, made on the calling thread; see {@link #NOISE}. */
    private static final class Noise {
        static final AtomicLong rounds = new AtomicLong();
        private static final byte[] BYTES = new byte[64];
        private static volatile java.io.RandomAccessFile file;
        private static volatile java.net.InetSocketAddress server;
        private static final ThreadLocal<java.io.OutputStream> SOCKET = new ThreadLocal<>();

        /** A scratch file beside the recording and a loopback server that reads and discards. */
        static void start(Path dir) throws IOException {
            Path scratch = Files.createTempFile(dir, "noise", ".bin");
            scratch.toFile().deleteOnExit();
            file = new java.io.RandomAccessFile(scratch.toFile(), "rw");
            java.net.ServerSocket listener = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
            server = new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), listener.getLocalPort());
            Thread acceptor = new Thread(() -> {
                while (true) {
                    try {
                        java.net.Socket s = listener.accept();
                        Thread reader = new Thread(() -> {
                            byte[] b = new byte[64];
                            try (InputStream in = s.getInputStream()) {
                                while (in.read(b) >= 0) {
                                    // each read is a jdk.SocketRead
                                }
                            } catch (IOException e) {
                                // the writer's thread ended
                            }
                        }, "noise-reader");
                        reader.setDaemon(true);
                        reader.start();
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "noise-acceptor");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        /** Closes this thread's socket (its reader thread then ends). */
        static void endThread() {
            java.io.OutputStream out = SOCKET.get();
            if (out != null) {
                try {
                    out.close();
                } catch (IOException e) {
                    // nothing to do: the bench only needs the events
                }
                SOCKET.remove();
            }
        }

        static void make(int n) {
            try {
                for (int i = 0; i < n; i++) {
                    java.util.concurrent.locks.LockSupport.parkNanos(1_000);
                    synchronized (Noise.class) {
                        if (file.length() > 1 << 20) {
                            file.seek(0);
                        }
                        file.write(BYTES);
                    }
                    java.io.OutputStream out = SOCKET.get();
                    if (out == null) {
                        java.net.Socket s = new java.net.Socket(server.getAddress(), server.getPort());
                        out = s.getOutputStream();
                        SOCKET.set(out);
                    }
                    out.write(BYTES);
                    rounds.incrementAndGet();
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** One request: what it asks for and what will become of its response. */
    private static final class Call {
        final Batch batch;
        final Fate fate;
        final long entity;
        final long connection;
        final byte[] body;

        Call(Batch batch, Fate fate, long entity, long connection, byte[] body) {
            this.batch = batch;
            this.fate = fate;
            this.entity = entity;
            this.connection = connection;
            this.body = body;
        }
    }

    /** Recursion to a random depth, so stack traces of one call path differ in depth as they do in real code. */
    private static final class Router {
        static void dispatch(int depth, int path, Call call) {
            if (depth > 0) {
                dispatch(depth - 1, path, call);
                return;
            }
            switch (path) {
                case 0: OrderService.loadOrder(call); break;
                case 1: InventoryClient.checkStock(call); break;
                case 2: PaymentGateway.charge(call); break;
                case 3: ReportExporter.exportPage(call); break;
                default: WebhookNotifier.deliver(call); break;
            }
        }
    }

    // Five application call paths, each opening responses from its own line with its own client and URI.

    private static final class OrderService {
        static void loadOrder(Call c) {
            TrackedResponse r = Leakline.responseOpened("java.net.http", c.connection, "GET",
                    "https://orders.internal.example:8443/api/v1/orders/" + c.entity + "?expand=lines&token=s3cr3t",
                    200, "HTTP/2", c.body.length);
            c.batch.finish(r, c);
        }
    }

    private static final class InventoryClient {
        static void checkStock(Call c) {
            TrackedResponse r = Leakline.responseOpened("org.apache.hc.client5", c.connection, "GET",
                    "http://inventory.internal.example/stock/sku-" + c.entity, 200, "HTTP/1.1", c.body.length);
            c.batch.finish(r, c);
        }
    }

    private static final class PaymentGateway {
        static void charge(Call c) {
            TrackedResponse r = Leakline.responseOpened("okhttp3", c.connection, "POST",
                    "https://payments.example.com/v2/charges/ch_" + c.entity, 201, "HTTP/2", -1);
            c.batch.finish(r, c);
        }
    }

    private static final class ReportExporter {
        static void exportPage(Call c) {
            TrackedResponse r = Leakline.responseOpened("java.net.http", c.connection, "GET",
                    "https://reports.internal.example/export/page/" + c.entity, 200, "HTTP/1.1", -1);
            c.batch.finish(r, c);
        }
    }

    private static final class WebhookNotifier {
        static void deliver(Call c) {
            TrackedResponse r = Leakline.responseOpened("org.apache.hc.client5", c.connection, "POST",
                    "https://hooks.partner.example/notify/" + c.entity, 202, "HTTP/1.1", c.body.length);
            c.batch.finish(r, c);
        }
    }
}
