package dev.leakline.scenarios;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;

/**
 * What a client's scenario code gets for one case: the URI to call, and the bookkeeping calls to make
 * on the same line as the request (so that the line the scenario notes is the line in the recorded
 * stack trace).
 */
public final class Case {
    private final String name;
    private final Fate fate;
    private final String path;
    private final Bookkeeping book;
    private final String pool;

    Case(String name, Fate fate, String path, Bookkeeping book, String pool) {
        this.name = name;
        this.fate = fate;
        this.path = path;
        this.book = book;
        this.pool = pool;
    }

    /**
     * The downstream whose own client and named pool this case's requests use, or null when they use the
     * client the scenario shares (or one the case method builds). Only the service scenario names one, and
     * only for clients that name pools ({@link ClientCases#namesPools()}).
     */
    public String pool() {
        return pool;
    }

    /** The case name, for example {@code closed-unread}. */
    public String name() {
        return name;
    }

    /** The number of requests each four-cases and client-per-request method sends. */
    public int requests() {
        return 5;
    }

    /** The server URI this case calls. */
    public URI uri() {
        return book.server().uri(path, name);
    }

    /** {@link #uri()} as a URL, for clients that take one. */
    public URL url() {
        try {
            return uri().toURL();
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Notes a client the scenario built, with the calling line as its site, and keeps it reachable to the
     * end of the run so that garbage collection cannot change what threads are alive when the recording
     * is dumped. Returns {@code client}.
     */
    public <C> C built(C client) {
        book.built(client, Sites.caller());
        return client;
    }

    /** Notes that {@code client} was closed. */
    public void closedClient(Object client) {
        book.clientClosed(client, false, false);
    }

    /**
     * Notes that the scenario let go of {@code client} without closing it (the client has no close),
     * so that it may be collected; the run ends with a garbage collection.
     */
    public void droppedClient(Object client) {
        book.clientClosed(client, true, fate == Fate.ABANDONED);
    }

    /**
     * Notes a GET response whose body is {@code body}, opened on the calling line, and does to it what
     * the case says (read, close, both, neither).
     */
    public Opened opened(InputStream body) {
        Opened opened = book.opened(name, Sites.caller(), "GET", path, pool, body);
        if (fate == Fate.ABANDONED) {
            opened.forget();
        }
        try {
            if (fate.reads()) {
                opened.readToEnd();
            }
            if (fate.closes()) {
                opened.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return opened;
    }
}
