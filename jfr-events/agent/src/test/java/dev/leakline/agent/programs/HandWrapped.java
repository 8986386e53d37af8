package dev.leakline.agent.programs;

import dev.leakline.jfr.jdk.TrackedHttpClient;
import dev.leakline.jfr.jdk.TrackedUrlConnection;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * A program that wraps its clients by hand with Leakline, run under the agent too: each response must be
 * tracked once. One java.net.http response and one HttpURLConnection response, each read and closed.
 *
 * <p>Arguments: {@code <url>}.
 */
public final class HandWrapped {
    private HandWrapped() {
    }

    public static void main(String[] args) throws Exception {
        HttpClient http = TrackedHttpClient.wrap(HttpClient.newHttpClient());
        try (InputStream body = http.send(HttpRequest.newBuilder(URI.create(args[0])).build(),
                HttpResponse.BodyHandlers.ofInputStream()).body()) { // open: HandWrapped.http
            System.out.println(body.readAllBytes().length);
        }
        HttpURLConnection connection = TrackedUrlConnection.open(new URL(args[0]));
        try (InputStream body = connection.getInputStream()) { // open: HandWrapped.connection
            System.out.println(body.readAllBytes().length);
        }
        System.exit(0);
    }
}
