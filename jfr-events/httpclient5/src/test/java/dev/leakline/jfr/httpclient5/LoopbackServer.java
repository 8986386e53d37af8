package dev.leakline.jfr.httpclient5;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A keep-alive HTTP/1.1 server on 127.0.0.1 that serves {@code /body} ({@link #BODY_LENGTH} bytes with a
 * Content-Length), {@code /close} (the same with {@code Connection: close}) and remembers the client port of every request, so tests can tell which requests shared
 * a connection: one client port is one connection.
 */
final class LoopbackServer implements AutoCloseable {
    static final int BODY_LENGTH = 4096;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final List<Integer> clientPorts = new ArrayList<>();

    LoopbackServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        byte[] body = new byte[BODY_LENGTH];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) ('a' + i % 26);
        }
        server.createContext("/body", exchange -> {
            synchronized (clientPorts) {
                clientPorts.add(exchange.getRemoteAddress().getPort());
            }
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/close", exchange -> {
            synchronized (clientPorts) {
                clientPorts.add(exchange.getRemoteAddress().getPort());
            }
            exchange.getResponseHeaders().set("Connection", "close");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.setExecutor(executor);
        server.start();
    }

    String uri(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The client port of each request, in arrival order. */
    List<Integer> clientPorts() {
        synchronized (clientPorts) {
            return List.copyOf(clientPorts);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
