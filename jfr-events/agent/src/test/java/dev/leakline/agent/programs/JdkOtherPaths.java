package dev.leakline.agent.programs;

import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import javax.net.ssl.HttpsURLConnection;

/**
 * An unmodified program on the paths {@link JdkFourCases} does not take: {@code sendAsync} (read and closed) and
 * an HTTPS connection cast to {@code HttpsURLConnection} (read and closed; the cast and its methods must keep
 * working under the agent). Prints what it saw, one line each.
 *
 * <p>Arguments: {@code <http url> <https url>}; the JVM trusts the test's certificate through
 * {@code javax.net.ssl.trustStore}.
 */
public final class JdkOtherPaths {
    private JdkOtherPaths() {
    }

    public static void main(String[] args) throws Exception {
        HttpResponse<InputStream> async = HttpClient.newHttpClient()
                .sendAsync(HttpRequest.newBuilder(URI.create(args[0])).build(), HttpResponse.BodyHandlers.ofInputStream())
                .get();
        try (InputStream body = async.body()) {
            System.out.println("async " + body.readAllBytes().length);
        }
        HttpsURLConnection https = (HttpsURLConnection) new URL(args[1]).openConnection();
        try (InputStream body = https.getInputStream()) { // open: https
            System.out.println("https " + body.readAllBytes().length + " " + https.getCipherSuite().startsWith("TLS_"));
        }
        System.exit(0);
    }
}
