package dev.leakline.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.leakline.agent.programs.ApacheFourCases;
import dev.leakline.agent.programs.JdkFourCases;
import java.io.File;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenTelemetry Java agent (2.33.1) and ours in one JVM: both effects present (every request the server
 * gets carries OpenTelemetry's {@code traceparent} header; the recording holds the hand-wrapped verdicts for
 * the program's cases), the program exits normally. With OpenTelemetry's agent first on the command line,
 * {@code HttpURLConnection} cannot be instrumented by ours: one line, and the rest still works.
 */
class BesideOpenTelemetryIT {
    @TempDir
    Path dir;

    @Test
    void bothAgentsWorkOnJdkAndApacheClients() throws Exception {
        Path otel = Path.of(System.getProperty("opentelemetry.agent.jar"));
        assertThat(otel).exists();
        List<String> traceparents = Collections.synchronizedList(new ArrayList<>());
        ExecutorService executor = Executors.newFixedThreadPool(8);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        byte[] body = new byte[4096];
        server.createContext("/body", exchange -> {
            traceparents.add(String.valueOf(exchange.getRequestHeaders().getFirst("traceparent")));
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.setExecutor(executor);
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/body";
        try {
            List<String> otelOptions = List.of("-Dotel.traces.exporter=none", "-Dotel.metrics.exporter=none",
                    "-Dotel.logs.exporter=none", "-Dotel.javaagent.logging=none");
            // Leakline's agent first on the command line: every client instrumented by both.
            List<String> leaklineFirst = new ArrayList<>(List.of("-javaagent:" + ChildJvm.agentJar(), "-javaagent:" + otel));
            leaklineFirst.addAll(otelOptions);
            Path httpRecording = dir.resolve("otel-http.jfr");
            ChildJvm http = ChildJvm.run(Jdk.all().get(0), withRecording(leaklineFirst, httpRecording),
                    ChildJvm.programClasses().toString(), JdkFourCases.class.getName(), "java-http", url, "1");
            Path connectionRecording = dir.resolve("otel-connection.jfr");
            ChildJvm connection = ChildJvm.run(Jdk.all().get(0), withRecording(leaklineFirst, connectionRecording),
                    ChildJvm.programClasses().toString(), JdkFourCases.class.getName(), "urlconnection", url, "1");
            Path apacheRecording = dir.resolve("otel-apache.jfr");
            ChildJvm apache = ChildJvm.run(Jdk.all().get(0), withRecording(leaklineFirst, apacheRecording),
                    apacheClassPath(), ApacheFourCases.class.getName(), url, "1");

            for (ChildJvm child : List.of(http, connection, apache)) {
                assertThat(child.exitCode()).as(child.stderr()).isZero();
                assertThat(child.agentLines()).isEmpty();
                assertThat(child.stderr()).doesNotContain("dev.leakline").doesNotContain("Exception");
            }
            // W3C Trace Context: version 00, trace id, parent id, flags (two hex digits: 01 sampled; newer agents
            // also set 02, "trace id random").
            assertThat(traceparents).hasSize(12)
                    .allSatisfy(h -> assertThat(h).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}"));
            assertThat(kindsByCase(httpRecording)).isEqualTo(Map.of(
                    "httpNeitherReadNorClosed", List.of("opened"),
                    "httpClosedUnread", List.of("opened", "closed:application"),
                    "httpReadNotClosed", List.of("opened", "drained:application"),
                    "httpReadAndClosed", List.of("opened", "drained:application", "closed:application")));
            assertThat(kindsByCase(connectionRecording)).isEqualTo(Map.of(
                    "connectionNeitherReadNorClosed", List.of("opened"),
                    "connectionClosedUnread", List.of("opened", "closed:application"),
                    "connectionReadNotClosed", List.of("opened", "drained:application"),
                    "connectionReadAndClosed", List.of("opened", "drained:application", "closed:application")));
            assertThat(kindsByCase(apacheRecording)).isEqualTo(Map.of(
                    "apacheNeitherReadNorClosed", List.of("opened"),
                    "apacheClosedUnread", List.of("opened", "closed:application", "released:closed"),
                    "apacheReadNotClosed", List.of("opened", "drained:application", "released:pooled"),
                    "apacheReadAndClosed",
                    List.of("opened", "drained:application", "released:pooled", "closed:application")));

            // OpenTelemetry first: if it has already changed HttpURLConnection (in a way that cannot be redone),
            // that class is left alone with one line; java.net.http, loaded later, is still tracked.
            List<String> otelFirst = new ArrayList<>(List.of("-javaagent:" + otel, "-javaagent:" + ChildJvm.agentJar()));
            otelFirst.addAll(otelOptions);
            Path lateRecording = dir.resolve("otel-first.jfr");
            ChildJvm late = ChildJvm.run(Jdk.all().get(0), withRecording(otelFirst, lateRecording),
                    ChildJvm.programClasses().toString(), JdkFourCases.class.getName(), "java-http", url, "1");
            assertThat(late.exitCode()).as(late.stderr()).isZero();
            // Whether OpenTelemetry loaded HttpURLConnection before our agent started depends on its own settings
            // (with its logging on, it does): at most that one line, never another.
            assertThat(late.agentLines()).hasSizeLessThanOrEqualTo(1).allSatisfy(line -> assertThat(line)
                    .startsWith("leakline-agent: could not instrument sun.net.www.protocol.http.HttpURLConnection"));
            assertThat(kindsByCase(lateRecording)).isEqualTo(kindsByCase(httpRecording));
        } finally {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    private static List<String> withRecording(List<String> options, Path recording) {
        List<String> all = new ArrayList<>(options);
        all.add("-XX:StartFlightRecording:filename=" + recording);
        return all;
    }

    /** The detailed kinds of each response, keyed by the program method that opened it (one request per case). */
    private static Map<String, List<String>> kindsByCase(Path recording) throws Exception {
        Map<Long, List<RecordedEvent>> responses = Recordings.withReleases(Recordings.leaklineEvents(recording));
        assertThat(responses).hasSize(4);
        return responses.values().stream().collect(Collectors.toMap(
                events -> Recordings.firstApplicationFrame(Recordings.opened(events)).getMethod().getName(),
                Recordings::detailedKinds));
    }

    private static String apacheClassPath() throws Exception {
        List<String> entries = new ArrayList<>();
        entries.add(ChildJvm.programClasses().toString());
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.contains("httpcomponents") || entry.contains("commons-logging") || entry.contains("commons-codec")) {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
