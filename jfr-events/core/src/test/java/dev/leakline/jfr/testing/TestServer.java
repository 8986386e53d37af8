package dev.leakline.jfr.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP/1.1 server on 127.0.0.1 with a fixed-length body per path. Each exchange runs on its own
 * thread so that a client that never reads a large body blocks only that exchange.
 */
public final class TestServer implements AutoCloseable {
    /** A body smaller than any client buffer. */
    public static final int SMALL = 512;
    /** A body larger than the clients' buffers (at least 1 MiB), so unread bytes stay on the wire. */
    public static final int LARGE = 1024 * 1024 + 17;
    /** Lines served by {@code /lines}. */
    public static final int LINES = 100;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-server");
        t.setDaemon(true);
        return t;
    });

    /** A server with the named paths only. */
    public TestServer() throws IOException {
        this(-1);
    }

    /**
     * A server with the named paths, where every other path answers {@code otherPathsSize} bytes (none when
     * negative): for tests that only need some body of a given size, under paths of their choosing.
     */
    public TestServer(int otherPathsSize) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/small", exchange -> respond(exchange, 200, body(SMALL)));
        server.createContext("/large", exchange -> respond(exchange, 200, body(LARGE)));
        server.createContext("/lines", exchange -> respond(exchange, 200, lines()));
        server.createContext("/missing", exchange -> respond(exchange, 404, body(SMALL)));
        server.createContext("/empty-error", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(500, -1); // No body at all.
            exchange.close();
        });
        if (otherPathsSize >= 0) {
            byte[] other = body(otherPathsSize);
            server.createContext("/", exchange -> respond(exchange, 200, other));
        }
        server.setExecutor(executor);
        server.start();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The body the server sends for {@code /small} or {@code /large}, for comparing what a client read. */
    public static byte[] body(int size) {
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) 'x');
        return body;
    }

    /** The {@code /lines} body: {@value #LINES} lines of ASCII text. */
    public static byte[] lines() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < LINES; i++) {
            text.append("line ").append(i).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException e) {
            // The client went away without reading: the very behaviour under test.
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
