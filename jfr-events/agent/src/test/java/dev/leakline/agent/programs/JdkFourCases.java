package dev.leakline.agent.programs;

import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * An unmodified program: no Leakline import, run in a child JVM with {@code -javaagent:leakline-agent.jar}.
 * The four cases of the Go lesson ({@code resp.Body.Close()}), each {@code requests} times, with the JDK's
 * client named by the first argument. Each opening line carries a marker comment the test finds in this
 * file, so the expected line number is never copied from a recording.
 *
 * <p>Arguments: {@code java-http|urlconnection <url> <requests>}.
 */
public final class JdkFourCases {
    /** Leaked responses stay reachable until the JVM exits, as in a service. */
    private static final List<Object> HELD = new ArrayList<>();

    private JdkFourCases() {
    }

    public static void main(String[] args) throws Exception {
        String client = args[0];
        String url = args[1];
        int requests = Integer.parseInt(args[2]);
        for (int i = 0; i < requests; i++) {
            if (client.equals("java-http")) {
                HttpClient http = HttpClient.newHttpClient();
                httpNeitherReadNorClosed(http, url);
                httpClosedUnread(http, url);
                httpReadNotClosed(http, url);
                httpReadAndClosed(http, url);
            } else {
                connectionNeitherReadNorClosed(url);
                connectionClosedUnread(url);
                connectionReadNotClosed(url);
                connectionReadAndClosed(url);
            }
        }
        System.exit(0); // The recording is written at exit; leaked responses are still open then.
    }

    private static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).build();
    }

    static void httpNeitherReadNorClosed(HttpClient http, String url) throws Exception {
        HELD.add(http.send(get(url), HttpResponse.BodyHandlers.ofInputStream())); // open: httpNeitherReadNorClosed
    }

    static void httpClosedUnread(HttpClient http, String url) throws Exception {
        HttpResponse<InputStream> response = http.send(get(url), HttpResponse.BodyHandlers.ofInputStream()); // open: httpClosedUnread
        response.body().close();
    }

    static void httpReadNotClosed(HttpClient http, String url) throws Exception {
        HttpResponse<InputStream> response = http.send(get(url), HttpResponse.BodyHandlers.ofInputStream()); // open: httpReadNotClosed
        response.body().readAllBytes();
        HELD.add(response);
    }

    static void httpReadAndClosed(HttpClient http, String url) throws Exception {
        HttpResponse<InputStream> response = http.send(get(url), HttpResponse.BodyHandlers.ofInputStream()); // open: httpReadAndClosed
        try (InputStream body = response.body()) {
            body.readAllBytes();
        }
    }

    static void connectionNeitherReadNorClosed(String url) throws Exception {
        HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
        HELD.add(connection.getInputStream()); // open: connectionNeitherReadNorClosed
    }

    static void connectionClosedUnread(String url) throws Exception {
        HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
        connection.getInputStream().close(); // open: connectionClosedUnread
    }

    static void connectionReadNotClosed(String url) throws Exception {
        HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
        HELD.add(connection.getInputStream().readAllBytes()); // open: connectionReadNotClosed
    }

    static void connectionReadAndClosed(String url) throws Exception {
        HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
        try (InputStream body = connection.getInputStream()) { // open: connectionReadAndClosed
            body.readAllBytes();
        }
    }
}
