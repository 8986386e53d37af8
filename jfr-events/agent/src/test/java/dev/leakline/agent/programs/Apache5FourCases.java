package dev.leakline.agent.programs;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;

/**
 * An unmodified program (no Leakline import) using Apache HttpClient 5 classic as most code does: a client from
 * {@code HttpClients.custom()} with its own pool. The four cases, each {@code requests} times. Compiled against
 * the build's 5.x; the calls it makes exist unchanged from 5.2 on.
 *
 * <p>Arguments: {@code <url> <requests>}.
 */
@SuppressWarnings("deprecation") // execute(request) returning the response: what most 5.x code still calls
public final class Apache5FourCases {
    private static final List<Object> HELD = new ArrayList<>();

    private Apache5FourCases() {
    }

    public static void main(String[] args) throws Exception {
        int requests = Integer.parseInt(args[1]);
        CloseableHttpClient client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnPerRoute(4 * requests).setMaxConnTotal(4 * requests).build())
                .build();
        for (int i = 0; i < requests; i++) {
            apache5NeitherReadNorClosed(client, args[0]);
            apache5ClosedUnread(client, args[0]);
            apache5ReadNotClosed(client, args[0]);
            apache5ReadAndClosed(client, args[0]);
        }
        System.exit(0);
    }

    static void apache5NeitherReadNorClosed(CloseableHttpClient client, String url) throws Exception {
        HELD.add(client.execute(new HttpGet(url))); // open: apache5NeitherReadNorClosed
    }

    static void apache5ClosedUnread(CloseableHttpClient client, String url) throws Exception {
        client.execute(new HttpGet(url)).close(); // open: apache5ClosedUnread
    }

    static void apache5ReadNotClosed(CloseableHttpClient client, String url) throws Exception {
        CloseableHttpResponse response = client.execute(new HttpGet(url)); // open: apache5ReadNotClosed
        HELD.add(response.getEntity().getContent().readAllBytes());
    }

    static void apache5ReadAndClosed(CloseableHttpClient client, String url) throws Exception {
        try (CloseableHttpResponse response = client.execute(new HttpGet(url)); // open: apache5ReadAndClosed
                InputStream body = response.getEntity().getContent()) {
            body.readAllBytes();
        }
    }
}
