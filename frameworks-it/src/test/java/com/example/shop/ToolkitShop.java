package com.example.shop;

import java.io.IOException;
import java.util.List;

import com.acme.httpkit.Toolkit;

import okhttp3.Response;

/** An application that calls through the in-house {@link Toolkit}, and leaks what it returns. */
public final class ToolkitShop {
    private final Toolkit toolkit;
    private final String origin;
    private final List<AutoCloseable> open;

    public ToolkitShop(Toolkit toolkit, String origin, List<AutoCloseable> open) {
        this.toolkit = toolkit;
        this.origin = origin;
        this.open = open;
    }

    /** Keeps the response and never closes it. */
    public void leak() throws IOException {
        Response response = toolkit.get(origin + "/data"); // site:toolkitLeak
        open.add(response);
    }
}
