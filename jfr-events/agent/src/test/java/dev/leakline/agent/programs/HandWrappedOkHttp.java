package dev.leakline.agent.programs;

import dev.leakline.jfr.okhttp.LeaklineOkHttp;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * OkHttp wrapped by hand with {@code leakline-okhttp}, run under the agent too: one response read and closed,
 * one left open; each must be tracked once.
 *
 * <p>Arguments: {@code <url>}.
 */
public final class HandWrappedOkHttp {
    private HandWrappedOkHttp() {
    }

    public static void main(String[] args) throws Exception {
        OkHttpClient client = LeaklineOkHttp.instrument(new OkHttpClient.Builder()).build();
        Request request = new Request.Builder().url(args[0]).build();
        try (Response response = client.newCall(request).execute()) {
            response.body().bytes();
        }
        Response leaked = client.newCall(request).execute();
        System.out.println(leaked.code());
        System.exit(0);
    }
}
