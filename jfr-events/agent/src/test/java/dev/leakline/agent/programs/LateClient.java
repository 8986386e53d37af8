package dev.leakline.agent.programs;

import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;

/**
 * An unmodified program whose start-up reaches no HTTP client: it loads its first client class
 * ({@code HttpURLConnection}) only for one request after {@code main} started, read and closed.
 *
 * <p>Arguments: {@code <url>}.
 */
public final class LateClient {
    private LateClient() {
    }

    public static void main(String[] args) throws Exception {
        HttpURLConnection connection = (HttpURLConnection) new URL(args[0]).openConnection();
        try (InputStream body = connection.getInputStream()) { // open: lateRequest
            System.out.println(body.readAllBytes().length);
        }
        System.exit(0);
    }
}
