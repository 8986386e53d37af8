package com.example.shop;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

/**
 * The downstream service the shop calls: {@code GET /data} answers {@link #BODY_LENGTH} bytes with a Content-Length,
 * on 127.0.0.1. The body is larger than the 8 KiB that Feign buffers for a {@code feign.Response} return type, so an
 * unread Feign response stays open on its connection, as it does in production.
 */
public final class DataServer implements AutoCloseable {
    /** Bytes in each response body. */
    public static final int BODY_LENGTH = 16 * 1024;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);

    public DataServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        byte[] body = new byte[BODY_LENGTH];
        java.util.Arrays.fill(body, (byte) 'x');
        server.createContext("/data", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            } catch (IOException e) {
                exchange.close(); // the client closed its connection before reading: expected for a leak's cleanup
            }
        });
        server.setExecutor(executor);
        server.start();
    }

    /** The server's base URL, {@code http://127.0.0.1:port}. */
    public String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
