package dev.leakline.agent.programs;

import java.util.ArrayList;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * An unmodified program (no Leakline import) with OkHttp as most code uses it, {@code new OkHttpClient()}: the
 * four cases, each {@code requests} times.
 *
 * <p>Arguments: {@code <url> <requests>}.
 */
public final class OkHttpFourCases {
    private static final List<Object> HELD = new ArrayList<>();

    private OkHttpFourCases() {
    }

    public static void main(String[] args) throws Exception {
        OkHttpClient client = new OkHttpClient();
        Request request = new Request.Builder().url(args[0]).build();
        for (int i = 0; i < Integer.parseInt(args[1]); i++) {
            okNeitherReadNorClosed(client, request);
            okClosedUnread(client, request);
            okReadNotClosed(client, request);
            okReadAndClosed(client, request);
        }
        System.exit(0);
    }

    static void okNeitherReadNorClosed(OkHttpClient client, Request request) throws Exception {
        HELD.add(client.newCall(request).execute()); // open: okNeitherReadNorClosed
    }

    static void okClosedUnread(OkHttpClient client, Request request) throws Exception {
        client.newCall(request).execute().close(); // open: okClosedUnread
    }

    static void okReadNotClosed(OkHttpClient client, Request request) throws Exception {
        Response response = client.newCall(request).execute(); // open: okReadNotClosed
        HELD.add(response.body().byteStream().readAllBytes());
    }

    static void okReadAndClosed(OkHttpClient client, Request request) throws Exception {
        try (Response response = client.newCall(request).execute()) { // open: okReadAndClosed
            response.body().bytes();
        }
    }
}
