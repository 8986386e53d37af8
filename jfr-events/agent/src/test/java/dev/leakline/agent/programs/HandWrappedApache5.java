package dev.leakline.agent.programs;

import dev.leakline.jfr.httpclient5.LeaklineHttpClient5;
import java.io.InputStream;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;

/**
 * Apache HttpClient 5 wrapped by hand with {@code leakline-httpclient5} (pool "orders-api"), run under the agent
 * too: one response read and closed, one left open; each must be tracked once, under the hand-given name.
 *
 * <p>Arguments: {@code <url>}.
 */
@SuppressWarnings("deprecation")
public final class HandWrappedApache5 {
    private HandWrappedApache5() {
    }

    public static void main(String[] args) throws Exception {
        CloseableHttpClient client = LeaklineHttpClient5.instrument(HttpClients.custom(),
                PoolingHttpClientConnectionManagerBuilder.create().build(), "orders-api").build();
        try (CloseableHttpResponse response = client.execute(new HttpGet(args[0]));
                InputStream body = response.getEntity().getContent()) {
            body.readAllBytes();
        }
        CloseableHttpResponse leaked = client.execute(new HttpGet(args[0]));
        System.out.println(leaked.getCode());
        System.exit(0);
    }
}
