package dev.leakline.agent;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The part of S3 that {@code GetObject} with path-style addressing needs, on 127.0.0.1: {@code GET /bucket/key}
 * answers a fixed CSV body with {@code Content-Length}, over keep-alive HTTP/1.1. (Not s3proxy: a full S3
 * implementation would add a large dependency tree for one verb.)
 */
final class S3Stub implements AutoCloseable {
    static final byte[] BODY = "day,orders\n".repeat(400).getBytes(StandardCharsets.US_ASCII);

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);

    S3Stub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.sendResponseHeaders(405, -1);
                exchange.close();
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "text/csv");
            exchange.getResponseHeaders().set("x-amz-request-id", "leakline-test");
            exchange.sendResponseHeaders(200, BODY.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(BODY);
            } catch (IOException e) {
                exchange.close(); // The client went away first.
            }
        });
        server.setExecutor(executor);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
