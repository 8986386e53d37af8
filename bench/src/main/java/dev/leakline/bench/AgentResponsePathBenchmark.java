package dev.leakline.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.util.concurrent.TimeUnit;
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

/**
 * What {@code -javaagent:leakline-agent.jar} adds to a response path while no recording runs: the JDK's
 * {@code HttpURLConnection.getInputStream()}, into which the agent inlines its advice (the bridge, the hook,
 * the core's "is anything recording, is this connection tracked" checks), with and without the agent. The
 * connection's response came from a loopback server once, at set-up; each call then returns the
 * connection's own stream with no I/O, so what is left to measure is the method and the advice.
 *
 * <ul>
 *   <li>{@link #withoutAgent}: a JVM with no agent.</li>
 *   <li>{@link #withAgent}: the same in a JVM started with the agent jar this checkout built (the forks' working
 *       directory is the repository root: run it with {@code bench/agent-bench.sh}).</li>
 * </ul>
 *
 * <p>Not final: JMH generates subclasses of benchmark classes.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class AgentResponsePathBenchmark {
    /** The agent jar, relative to the repository root (the script's working directory). */
    static final String AGENT = "-javaagent:jfr-events/agent/target/leakline-agent.jar";

    private HttpServer server;
    private HttpURLConnection connection;

    /** A loopback server, one request on it, its response's stream taken once. */
    @Setup(Level.Trial)
    public void connect() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        server.createContext("/", exchange -> {
            byte[] body = new byte[300];
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        connection = (HttpURLConnection) new URL("http://127.0.0.1:" + server.getAddress().getPort() + "/")
                .openConnection();
        if (connection.getInputStream() == null || connection.getResponseCode() != 200) {
            throw new IllegalStateException("no response from the loopback server");
        }
    }

    @TearDown(Level.Trial)
    public void disconnect() throws IOException {
        connection.getInputStream().close();
        connection.disconnect();
        server.stop(0);
    }

    /** {@code getInputStream()} in a JVM without the agent. */
    @Benchmark
    @Fork(value = 2, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
    public InputStream withoutAgent() throws IOException {
        return connection.getInputStream();
    }

    /** {@code getInputStream()} in a JVM with the agent loaded and no recording running. */
    @Benchmark
    @Fork(value = 2, jvmArgsAppend = {"-Xms256m", "-Xmx256m", AGENT})
    public InputStream withAgent() throws IOException {
        return connection.getInputStream();
    }
}
