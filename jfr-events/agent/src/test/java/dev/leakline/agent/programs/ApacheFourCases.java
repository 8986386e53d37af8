package dev.leakline.agent.programs;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;

/**
 * An unmodified program (no Leakline import) using Apache HttpClient 4.5 as most code does: a client from
 * {@code HttpClients.custom()} with its own pool. The four cases, each {@code requests} times.
 *
 * <p>Arguments: {@code <url> <requests>}.
 */
public final class ApacheFourCases {
    private static final List<Object> HELD = new ArrayList<>();

    private ApacheFourCases() {
    }

    public static void main(String[] args) throws Exception {
        int requests = Integer.parseInt(args[1]);
        CloseableHttpClient client = HttpClients.custom().setMaxConnPerRoute(4 * requests)
                .setMaxConnTotal(4 * requests).build();
        for (int i = 0; i < requests; i++) {
            apacheNeitherReadNorClosed(client, args[0]);
            apacheClosedUnread(client, args[0]);
            apacheReadNotClosed(client, args[0]);
            apacheReadAndClosed(client, args[0]);
        }
        System.exit(0);
    }

    static void apacheNeitherReadNorClosed(CloseableHttpClient client, String url) throws Exception {
        HELD.add(client.execute(new HttpGet(url))); // open: apacheNeitherReadNorClosed
    }

    static void apacheClosedUnread(CloseableHttpClient client, String url) throws Exception {
        client.execute(new HttpGet(url)).close(); // open: apacheClosedUnread
    }

    static void apacheReadNotClosed(CloseableHttpClient client, String url) throws Exception {
        CloseableHttpResponse response = client.execute(new HttpGet(url)); // open: apacheReadNotClosed
        HELD.add(response.getEntity().getContent().readAllBytes());
    }

    static void apacheReadAndClosed(CloseableHttpClient client, String url) throws Exception {
        try (CloseableHttpResponse response = client.execute(new HttpGet(url)); // open: apacheReadAndClosed
                InputStream body = response.getEntity().getContent()) {
            body.readAllBytes();
        }
    }
}
