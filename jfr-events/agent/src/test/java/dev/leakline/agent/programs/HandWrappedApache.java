package dev.leakline.agent.programs;

import dev.leakline.jfr.httpclient4.LeaklineHttpClient4;
import java.io.InputStream;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;

/**
 * Apache HttpClient 4.5 wrapped by hand with {@code leakline-httpclient4} (pool "orders-api"), run under the
 * agent too: one response read and closed, one left open; each must be tracked once, under the hand-given name.
 *
 * <p>Arguments: {@code <url>}.
 */
public final class HandWrappedApache {
    private HandWrappedApache() {
    }

    public static void main(String[] args) throws Exception {
        CloseableHttpClient client = LeaklineHttpClient4.instrument(HttpClients.custom(),
                new PoolingHttpClientConnectionManager(), "orders-api").build();
        try (CloseableHttpResponse response = client.execute(new HttpGet(args[0]));
                InputStream body = response.getEntity().getContent()) {
            body.readAllBytes();
        }
        CloseableHttpResponse leaked = client.execute(new HttpGet(args[0]));
        System.out.println(leaked.getStatusLine().getStatusCode());
        System.exit(0);
    }
}
