package dev.leakline.bench;

import dev.leakline.jfr.httpclient4.LeaklineHttpClient4;
import dev.leakline.jfr.jdk.TrackedUrlConnection;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.util.concurrent.TimeUnit;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What Leakline costs per response while a recording with its events runs, for a client instrumented by
 * {@code -javaagent:leakline-agent.jar} against the same client wrapped by hand with its adapter (issue 11: the
 * same cost), and against the same client with no Leakline at all, all in one run. Each operation is one whole
 * response: the request written, the head parsed, the 1 KiB body read to -1, the stream closed, the connection back
 * in keep-alive (or the pool), from an {@link InMemoryServer} so that the difference is Leakline's, not the socket's.
 *
 * <ul>
 *   <li>{@code urlConnection*}: the JDK's {@code HttpURLConnection}: plain ({@code Baseline}), through
 *       {@link TrackedUrlConnection#wrap} ({@code HandWrapped}), plain in a JVM with the agent ({@code Agent}).</li>
 *   <li>{@code apache4*}: Apache HttpClient 4.5 with a pooling connection manager: plain, built with
 *       {@link LeaklineHttpClient4#instrument}, plain with the agent.</li>
 * </ul>
 * Every variant runs with a recording of the shipped {@code leakline.jfc} ({@link RunningRecording}), the baselines
 * too, so that the recorder's own work is in every figure and drops out of the differences. Only the {@code Agent}
 * forks load the agent: a hand-wrapped client seen by the agent too is tracked once, but would then pay for both
 * checks. Per-response cost = variant minus its client's baseline; {@code bench/agent-bench.sh} prints it.
 *
 * <p>Each fork checks at set-up, with a recording of its own, that one response of its variant records what its
 * name says (nothing for a baseline; the adapter's events, once each, otherwise), and that the agent is loaded in
 * exactly the {@code Agent} forks, so a figure cannot come from a path that silently recorded nothing.
 *
 * <p>Not final: JMH generates subclasses of benchmark classes.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class AgentRecordingBenchmark {
    /** A read buffer of the size most clients and {@code InputStream.transferTo} use. */
    static final int BUFFER_SIZE = 8192;

    /** {@code HttpURLConnection} to the in-memory server, each variant's way. */
    @State(Scope.Thread)
    public static class UrlConnectionPath {
        URL url;
        byte[] buffer;

        /** Installs the in-memory server and checks that this fork's variant records what its name says. */
        @Setup(Level.Trial)
        public void setUp(BenchmarkParams params, Blackhole blackhole) throws Exception {
            init();
            OneResponse.check(params, OneResponse.URL_CONNECTION, () -> {
                if (params.getBenchmark().endsWith("HandWrapped")) {
                    handWrapped(blackhole);
                } else {
                    plain(blackhole);
                }
            });
        }

        void init() throws IOException {
            InMemoryServer.install();
            url = new URL(InMemoryServer.URL);
            buffer = new byte[BUFFER_SIZE];
        }

        long plain(Blackhole blackhole) throws IOException {
            HttpURLConnection connection = (HttpURLConnection) url.openConnection();
            blackhole.consume(connection);
            return drainAndClose(connection.getInputStream(), buffer);
        }

        long handWrapped(Blackhole blackhole) throws IOException {
            HttpURLConnection connection = TrackedUrlConnection.wrap((HttpURLConnection) url.openConnection());
            blackhole.consume(connection);
            return drainAndClose(connection.getInputStream(), buffer);
        }
    }

    /** Apache HttpClient 4.5 with a pool, to the in-memory server: one plain client, one hand-wrapped. */
    @State(Scope.Thread)
    public static class Apache4Path {
        URI uri;
        byte[] buffer;
        CloseableHttpClient plain;
        CloseableHttpClient handWrapped;

        /** Builds both clients and checks that this fork's variant records what its name says. */
        @Setup(Level.Trial)
        public void setUp(BenchmarkParams params, Blackhole blackhole) throws Exception {
            init();
            OneResponse.check(params, OneResponse.APACHE4, () -> {
                execute(params.getBenchmark().endsWith("HandWrapped") ? handWrapped : plain, blackhole);
            });
        }

        void init() throws IOException {
            InMemoryServer.install();
            uri = URI.create(InMemoryServer.URL);
            buffer = new byte[BUFFER_SIZE];
            plain = HttpClients.custom().setConnectionManager(new PoolingHttpClientConnectionManager()).build();
            handWrapped = LeaklineHttpClient4.instrument(HttpClients.custom(), new PoolingHttpClientConnectionManager())
                    .build();
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            plain.close();
            handWrapped.close();
        }

        long execute(CloseableHttpClient client, Blackhole blackhole) throws IOException {
            try (CloseableHttpResponse response = client.execute(new HttpGet(uri))) {
                blackhole.consume(response);
                return drainAndClose(response.getEntity().getContent(), buffer);
            }
        }
    }

    /** {@code HttpURLConnection}, no Leakline. */
    @Benchmark
    @Fork(value = 2, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
    public long urlConnectionBaseline(UrlConnectionPath path, RunningRecording recording, Blackhole blackhole)
            throws IOException {
        return path.plain(blackhole);
    }

    /** {@code HttpURLConnection} wrapped by hand ({@link TrackedUrlConnection#wrap}), no agent. */
    @Benchmark
    @Fork(value = 2, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
    public long urlConnectionHandWrapped(UrlConnectionPath path, RunningRecording recording, Blackhole blackhole)
            throws IOException {
        return path.handWrapped(blackhole);
    }

    /** {@code HttpURLConnection} as the application wrote it, instrumented by the agent. */
    @Benchmark
    @Fork(value = 2, jvmArgsAppend = {"-Xms256m", "-Xmx256m", AgentResponsePathBenchmark.AGENT})
    public long urlConnectionAgent(UrlConnectionPath path, RunningRecording recording, Blackhole blackhole)
            throws IOException {
        return path.plain(blackhole);
    }

    /** Apache HttpClient 4.5, no Leakline. */
    @Benchmark
    @Fork(value = 2, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
    public long apache4Baseline(Apache4Path path, RunningRecording recording, Blackhole blackhole)
            throws IOException {
        return path.execute(path.plain, blackhole);
    }

    /** Apache HttpClient 4.5 built with {@link LeaklineHttpClient4#instrument}, no agent. */
    @Benchmark
    @Fork(value = 2, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
    public long apache4HandWrapped(Apache4Path path, RunningRecording recording, Blackhole blackhole)
            throws IOException {
        return path.execute(path.handWrapped, blackhole);
    }

    /** Apache HttpClient 4.5 as the application built it, instrumented by the agent. */
    @Benchmark
    @Fork(value = 2, jvmArgsAppend = {"-Xms256m", "-Xmx256m", AgentResponsePathBenchmark.AGENT})
    public long apache4Agent(Apache4Path path, RunningRecording recording, Blackhole blackhole)
            throws IOException {
        return path.execute(path.plain, blackhole);
    }

    /** Reads {@code in} to -1, closes it, and returns the number of bytes read. */
    static long drainAndClose(InputStream in, byte[] buffer) throws IOException {
        return ResponseLifecycleBenchmark.drainAndClose(in, buffer);
    }
}
