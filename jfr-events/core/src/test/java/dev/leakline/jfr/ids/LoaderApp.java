package dev.leakline.jfr.ids;

import dev.leakline.jfr.jdk.TrackedHttpClient;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * The application code each class loader of {@link TwoLoadersTest} loads with its own copy of the library:
 * one response left open, one read and closed.
 */
public final class LoaderApp {
    /** Keeps the leaked response reachable until the recording has ended. */
    public static final List<Object> HELD = new ArrayList<>();

    private LoaderApp() {
    }

    public static void run(String uri) throws Exception {
        HttpClient client = TrackedHttpClient.wrap(HttpClient.newHttpClient());
        HttpRequest request = HttpRequest.newBuilder(URI.create(uri)).build();
        HELD.add(client.send(request, HttpResponse.BodyHandlers.ofInputStream()));
        try (InputStream body = client.send(request, HttpResponse.BodyHandlers.ofInputStream()).body()) {
            body.readAllBytes();
        }
    }
}
