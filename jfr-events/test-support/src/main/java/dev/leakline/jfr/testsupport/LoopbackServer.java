package dev.leakline.jfr.testsupport;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A keep-alive HTTP/1.1 server on 127.0.0.1 that serves {@code /body} ({@link #BODY_LENGTH} bytes with a
 * Content-Length), {@code /close} (the same with {@code Connection: close}), {@code /slow} (the same body, whose second half waits until the test calls
 * {@link #sendRest()}, at most 5 s) and remembers the client port of every request, so tests can tell which requests shared
 * a connection: one client port is one connection.
 */
public final class LoopbackServer implements AutoCloseable {
    public static final int BODY_LENGTH = 4096;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final List<Integer> clientPorts = new ArrayList<>();
    /**
     * One latch per pending {@code /slow} response, in arrival order. A shared permit count once let the second half
     * of the next response go at once when a response's handler had failed before taking its permit (the client had
     * already closed): that response was then drained and pooled, not cut.
     */
    private final Deque<CountDownLatch> waitingForRest = new ArrayDeque<>();

    public LoopbackServer() throws IOException {
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
        server.createContext("/slow", exchange -> {
            synchronized (clientPorts) {
                clientPorts.add(exchange.getRemoteAddress().getPort());
            }
            CountDownLatch mine = new CountDownLatch(1);
            synchronized (waitingForRest) {
                waitingForRest.add(mine); // before the client can see the headers, so before the test can answer
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body, 0, body.length / 2);
                out.flush();
                mine.await(5, TimeUnit.SECONDS);
                out.write(body, body.length / 2, body.length - body.length / 2);
            } catch (IOException | InterruptedException e) {
                exchange.close(); // The client went away first: expected for early closes.
            }
        });
        server.setExecutor(executor);
        server.start();
    }

    /** Lets the oldest pending {@code /slow} response send its second half (none pending: nothing happens). */
    public void sendRest() {
        CountDownLatch oldest;
        synchronized (waitingForRest) {
            oldest = waitingForRest.poll();
        }
        if (oldest != null) {
            oldest.countDown();
        }
    }

    public String uri(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The client port of each request, in arrival order. */
    public List<Integer> clientPorts() {
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
