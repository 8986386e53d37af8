package dev.leakline.agent.programs;

import dev.leakline.jfr.jdk.TrackedHttpClient;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * A web application's code with its own copy of the Leakline library (loaded by {@link TwoWebApps} in its own
 * class loader): one response left open, one read and closed.
 */
public final class WebApp {
    private static final List<Object> HELD = new ArrayList<>();

    private WebApp() {
    }

    public static void serve(String url) throws Exception {
        HttpClient client = TrackedHttpClient.wrap(HttpClient.newHttpClient());
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).build();
        HELD.add(client.send(request, HttpResponse.BodyHandlers.ofInputStream())); // open: WebApp.leak
        try (InputStream body = client.send(request, HttpResponse.BodyHandlers.ofInputStream()).body()) {
            body.readAllBytes();
        }
    }
}
