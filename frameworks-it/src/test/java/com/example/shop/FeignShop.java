package com.example.shop;

import java.util.List;

import feign.Client;
import feign.Feign;
import feign.RequestLine;
import feign.Response;

/**
 * An application that calls a downstream service through OpenFeign, over the client it is given (feign-hc5 or
 * feign-okhttp). Each call sits in its own method on its own line, marked {@code // site:NAME}; the two clients get
 * their own methods so their lines differ.
 */
public final class FeignShop {
    /** The downstream API as Feign sees it. */
    public interface DataApi {
        /** The raw response: above 8 KiB Feign hands it over unbuffered, and the caller must close it. */
        @RequestLine("GET /data")
        Response stream();

        /** The body decoded to a string (the decoder closes it). */
        @RequestLine("GET /data")
        String text();
    }

    private final DataApi api;
    private final List<AutoCloseable> open;

    public FeignShop(Client client, String origin, List<AutoCloseable> open) {
        this.api = Feign.builder().client(client).target(DataApi.class, origin);
        this.open = open;
    }

    /** Over Apache HttpClient 5: keeps the raw response and never closes it. */
    public void leakApache() {
        Response response = api.stream(); // site:leakApache
        open.add(response);
    }

    /** Over Apache HttpClient 5: reads the body to a string. */
    public String readApache() {
        return api.text(); // site:readApache
    }

    /** Over OkHttp: keeps the raw response and never closes it. */
    public void leakOkHttp() {
        Response response = api.stream(); // site:leakOkHttp
        open.add(response);
    }

    /** Over OkHttp: reads the body to a string. */
    public String readOkHttp() {
        return api.text(); // site:readOkHttp
    }
}
