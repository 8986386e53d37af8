package dev.leakline.analyzer.watch;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.sun.net.httpserver.HttpServer;

import dev.leakline.jfr.jdk.TrackedHttpClient;

/**
 * The JVM that {@code watch} tests attach to, started by them as a child process: a real HTTP server on 127.0.0.1
 * and a {@code java.net.http} client wrapped with the Leakline library, started without any recording. It reads one
 * command per line on standard input and answers {@code done COMMAND} when it is done:
 * <ul>
 *   <li>{@code open N}: opens N responses and leaves them unread and unclosed (held here, so nothing closes them);</li>
 *   <li>{@code leak N}: the same at {@link #leak}, the line a leak report must name;</li>
 *   <li>{@code async N}: N responses through {@code sendAsync}, left unread and unclosed (the site is the line that
 *       started the request, as its {@code leakline.RequestStarted} tells);</li>
 *   <li>{@code clean N}: N responses read to the end and closed;</li>
 *   <li>{@code close}: closes what {@code open} held (late closes), not what {@code leak} did;</li>
 *   <li>{@code exit}: ends the program.</li>
 * </ul>
 * It prints {@code ready PORT} first: the port its own server serves {@code /data} on, for the test to check that
 * it keeps serving after watch has gone.
 */
public final class WatchTarget {
    /** The line of {@link #leak}'s {@code send}, as a leak report names it. */
    static final String LEAK_SITE = "dev.leakline.analyzer.watch.WatchTarget.leak(WatchTarget.java:119)";
    /** The line of {@link #clean}'s {@code send}. */
    static final String CLEAN_SITE = "dev.leakline.analyzer.watch.WatchTarget.clean(WatchTarget.java:128)";
    /** The line of {@link #leakAsync}'s {@code sendAsync}. */
    static final String ASYNC_SITE = "dev.leakline.analyzer.watch.WatchTarget.leakAsync(WatchTarget.java:123)";
    /** The line of {@link #open}'s {@code send}. */
    static final String OPEN_SITE = "dev.leakline.analyzer.watch.WatchTarget.open(WatchTarget.java:114)";

    private static final byte[] BODY = "0123456789".repeat(2000).getBytes(StandardCharsets.US_ASCII);

    private WatchTarget() {
    }

    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.createContext("/data", exchange -> {
            exchange.sendResponseHeaders(200, BODY.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(BODY);
            } catch (java.io.IOException e) {
                // The client abandoned the body; the connection goes with it.
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
        server.start();
        int port = server.getAddress().getPort();
        HttpClient client = TrackedHttpClient.wrap(HttpClient.newHttpClient());
        URI uri = URI.create("http://127.0.0.1:" + port + "/data");
        List<InputStream> held = new ArrayList<>();
        List<InputStream> leaked = new ArrayList<>(); // referenced so that nothing (not even a cleaner) closes them
        System.out.println("ready " + port);
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] words = line.trim().split(" ");
            int n = words.length > 1 ? Integer.parseInt(words[1]) : 1;
            switch (words[0]) {
                case "open" -> {
                    for (int i = 0; i < n; i++) {
                        held.add(open(client, uri));
                    }
                }
                case "leak" -> {
                    for (int i = 0; i < n; i++) {
                        leaked.add(leak(client, uri));
                    }
                }
                case "async" -> {
                    for (int i = 0; i < n; i++) {
                        leaked.add(leakAsync(client, uri));
                    }
                }
                case "clean" -> {
                    for (int i = 0; i < n; i++) {
                        clean(client, uri);
                    }
                }
                case "close" -> {
                    for (InputStream s : held) {
                        s.close();
                    }
                    held.clear();
                }
                case "exit" -> {
                    server.stop(0);
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException(line);
            }
            System.out.println("done " + line.trim());
            System.out.flush();
        }
    }

    // Keep the three send lines below where the *_SITE constants say.
    private static InputStream open(HttpClient client, URI uri) throws Exception {
        return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofInputStream()).body();
    }

    private static InputStream leak(HttpClient client, URI uri) throws Exception {
        // Neither read nor closed: the leak watch must show.
        return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofInputStream()).body();
    }

    private static InputStream leakAsync(HttpClient client, URI uri) throws Exception {
        return client.sendAsync(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofInputStream())
                .join().body();
    }

    private static void clean(HttpClient client, URI uri) throws Exception {
        try (InputStream body = client.send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofInputStream()).body()) {
            body.readAllBytes();
        }
    }
}
