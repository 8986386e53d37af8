package dev.leakline.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real S3-compatible server on 127.0.0.1: s3proxy (its self-contained jar, which the pom copies into
 * {@code target/s3proxy/}) with jclouds' in-memory "transient" blobstore and no authorization, in its own child
 * JVM so its dependencies never meet the SDK's. Started, then waited for (at most 60 s), then stopped on close.
 */
final class S3Proxy implements AutoCloseable {
    static final Path JAR = Path.of("target/s3proxy/s3proxy-jar-with-dependencies.jar");

    private final Process process;
    private final int port;
    private final Path log;

    S3Proxy(Path dir) throws Exception {
        assertThat(JAR).as("s3proxy jar (copied by the pom before the integration tests)").exists();
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Path properties = dir.resolve("s3proxy.properties");
        Files.writeString(properties, String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=none",
                "jclouds.provider=transient",
                "jclouds.identity=local",
                "jclouds.credential=local",
                "jclouds.regions=us-east-1",
                ""));
        log = dir.resolve("s3proxy.log");
        process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toAbsolutePath().toString(), "--properties", properties.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        awaitListening();
    }

    /** The endpoint the S3 client is given: {@code http://127.0.0.1:port}. */
    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** Creates {@code bucket} and puts {@code body} under {@code key}, with plain unsigned requests (authorization none). */
    void put(String bucket, String key, byte[] body) throws IOException {
        request("PUT", "/" + bucket, new byte[0]);
        request("PUT", "/" + bucket + "/" + key, body);
    }

    private void request(String method, String path, byte[] body) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL(endpoint() + path).openConnection();
        connection.setRequestMethod(method);
        connection.setDoOutput(true);
        connection.setFixedLengthStreamingMode(body.length);
        try (OutputStream out = connection.getOutputStream()) {
            out.write(body);
        }
        int status = connection.getResponseCode();
        try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
            String answer = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(status).as(method + " " + path + ": " + answer).isEqualTo(200);
        }
    }

    private void awaitListening() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("s3proxy exited " + process.exitValue() + ": " + Files.readString(log));
            }
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        close();
        throw new AssertionError("s3proxy not listening on " + port + " after 60 s: " + Files.readString(log));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    List<String> logLines() throws IOException {
        return Files.readAllLines(log);
    }
}
