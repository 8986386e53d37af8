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

/**
 * A program with no Leakline code at all, for {@code watch --agent}: its {@code java.net.http} client is built at
 * start, before any agent, and it runs with only its own class on the class path. Commands as {@link WatchTarget}:
 * {@code leak N}, {@code clean N}, {@code exit}; it prints {@code ready PORT} and {@code done COMMAND}.
 */
public final class PlainTarget {
    /** The line of {@link #leak}'s {@code send}. */
    public static final String LEAK_SITE = "dev.leakline.analyzer.watch.PlainTarget.leak(PlainTarget.java:71)";

    private PlainTarget() {
    }

    public static void main(String[] args) throws Exception {
        byte[] body = "x".repeat(20_000).getBytes(StandardCharsets.US_ASCII);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.createContext("/data", exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            } catch (java.io.IOException e) {
                // abandoned by the client
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
        server.start();
        HttpClient client = HttpClient.newHttpClient(); // built before the agent arrives
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/data");
        List<InputStream> leaked = new ArrayList<>();
        System.out.println("ready " + server.getAddress().getPort());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] words = line.trim().split(" ");
            int n = words.length > 1 ? Integer.parseInt(words[1]) : 1;
            if (words[0].equals("exit")) {
                server.stop(0);
                System.exit(0);
            }
            for (int i = 0; i < n; i++) {
                if (words[0].equals("leak")) {
                    leaked.add(leak(client, uri));
                } else {
                    try (InputStream b = client.send(HttpRequest.newBuilder(uri).build(),
                            HttpResponse.BodyHandlers.ofInputStream()).body()) {
                        b.readAllBytes();
                    }
                }
            }
            System.out.println("done " + line.trim());
        }
    }

    private static InputStream leak(HttpClient client, URI uri) throws Exception {
        // Neither read nor closed.
        return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofInputStream()).body();
    }
}
