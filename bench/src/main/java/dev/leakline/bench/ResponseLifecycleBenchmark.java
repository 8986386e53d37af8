package dev.leakline.bench;

import dev.leakline.jfr.Leakline;
import dev.leakline.jfr.TrackedResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The cost of one full response lifecycle through the Leakline API, as an adapter spends it per
 * response: open ({@link Leakline#responseOpened}), wrap the body ({@link Leakline#trackBody}), read it
 * to -1, close it.
 *
 * <ul>
 *   <li>{@link #baseline}: the same body work without Leakline.</li>
 *   <li>{@link #disabled}: through Leakline, with no recording running (the production default).</li>
 *   <li>{@link #enabled}: through Leakline, with a recording of the shipped {@code leakline.jfc} running,
 *       with and without the opening stack trace ({@link RunningRecording#openingStackTrace}).</li>
 *   <li>{@link #enabledDeepStack}: as enabled, with the response opened 64 frames deeper.</li>
 *   <li>{@link #asyncDisabled} and {@link #asyncEnabled}: the lifecycle of an asynchronous request, whose
 *       adapter first records the request's start ({@link Leakline#requestStarted}) and opens the response
 *       with the id it reserved. {@code asyncEnabled} minus {@code enabled} is what the start costs.</li>
 * </ul>
 * Run with {@code bench/run-api-bench.sh}, which prints each figure's difference from the baseline
 * measured in the same run. The defaults below fit a 2-core machine in a few minutes.
 *
 * <p>Not final: JMH generates subclasses of benchmark classes.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ResponseLifecycleBenchmark {
    /** Extra frames above {@link #lifecycle} in {@link #enabledDeepStack}: JFR's default stack depth. */
    static final int DEEP_STACK_FRAMES = 64;

    /** Reads a fresh stream over the body to -1 and closes it, with no Leakline call; the stream escapes too. */
    @Benchmark
    public void baseline(ResponseBody body, Blackhole blackhole) throws IOException {
        InputStream in = body.newStream();
        blackhole.consume(in);
        blackhole.consume(drainAndClose(in, body.buffer));
    }

    /** One lifecycle through Leakline while nothing records. */
    @Benchmark
    public void disabled(ResponseBody body, Blackhole blackhole) throws IOException {
        blackhole.consume(lifecycle(body, blackhole));
    }

    /** One lifecycle through Leakline while a recording with the shipped settings runs. */
    @Benchmark
    public void enabled(ResponseBody body, RunningRecording recording, Blackhole blackhole) throws IOException {
        blackhole.consume(lifecycle(body, blackhole));
    }

    /**
     * As {@link #enabled}, opened {@value #DEEP_STACK_FRAMES} frames deeper, as in an application whose
     * request goes through a web framework, a service layer and a client wrapper. JFR walks up to 64
     * frames by default, so this is the opening stack trace at its most expensive.
     */
    @Benchmark
    public void enabledDeepStack(ResponseBody body, RunningRecording recording, Blackhole blackhole)
            throws IOException {
        blackhole.consume(lifecycleAtDepth(body, blackhole, DEEP_STACK_FRAMES));
    }

    /** One asynchronous request's lifecycle (start, then open, read, close) while nothing records. */
    @Benchmark
    public void asyncDisabled(ResponseBody body, Blackhole blackhole) throws IOException {
        blackhole.consume(asyncLifecycle(body, blackhole));
    }

    /**
     * One asynchronous request's lifecycle while a recording with the shipped settings runs: the start is
     * recorded with its stack trace (as shipped), the open with or without one
     * ({@link RunningRecording#openingStackTrace}).
     */
    @Benchmark
    public void asyncEnabled(ResponseBody body, RunningRecording recording, Blackhole blackhole)
            throws IOException {
        blackhole.consume(asyncLifecycle(body, blackhole));
    }

    static long lifecycleAtDepth(ResponseBody body, Blackhole blackhole, int depth) throws IOException {
        return depth == 0 ? lifecycle(body, blackhole) : lifecycleAtDepth(body, blackhole, depth - 1);
    }

    /**
     * What an adapter does for one response whose body the application reads to the end and closes. The
     * stream goes to the blackhole, as a real body escapes to the application: otherwise the JIT may or
     * may not allocate it on the stack, fork by fork, and the baseline would swing by 30 ns.
     */
    static long lifecycle(ResponseBody body, Blackhole blackhole) throws IOException {
        TrackedResponse response = Leakline.responseOpened(body.client, body.connectionId, body.method, body.uri,
                body.status, body.protocol, body.contentLength);
        InputStream in = Leakline.trackBody(body.newStream(), response);
        blackhole.consume(in);
        return drainAndClose(in, body.buffer);
    }

    /**
     * What an adapter does for an asynchronous request ({@code sendAsync}, OkHttp's {@code enqueue}): the start,
     * on the caller's thread, then the response's lifecycle with the id the start reserved. In the benchmark
     * both run on one thread; in an application the open runs later on one of the client's threads.
     */
    static long asyncLifecycle(ResponseBody body, Blackhole blackhole) throws IOException {
        long started = Leakline.requestStarted(body.client, body.method, body.uri);
        TrackedResponse response = Leakline.responseOpened(started, body.client, null, body.connectionId,
                body.method, body.uri, body.status, body.protocol, body.contentLength);
        InputStream in = Leakline.trackBody(body.newStream(), response);
        blackhole.consume(in);
        return drainAndClose(in, body.buffer);
    }

    /** Reads {@code in} to -1 into {@code buffer}, closes it, and returns the number of bytes read. */
    static long drainAndClose(InputStream in, byte[] buffer) throws IOException {
        long total = 0;
        try {
            int n;
            while ((n = in.read(buffer)) != -1) {
                total += n;
            }
        } finally {
            in.close();
        }
        return total;
    }
}
