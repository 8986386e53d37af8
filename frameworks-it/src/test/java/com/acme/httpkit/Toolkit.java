package com.acme.httpkit;

import java.io.IOException;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * An in-house HTTP toolkit, on no library list: without {@code --app-package} its line is the first frame that is
 * not a known library's, so it is what the analyzer names.
 */
public final class Toolkit {
    private final OkHttpClient client;

    public Toolkit(OkHttpClient client) {
        this.client = client;
    }

    /** Executes a GET and hands the response over, open: the caller must close it. */
    public Response get(String url) throws IOException {
        return client.newCall(new Request.Builder().url(url).build()).execute(); // site:toolkitGet
    }
}
