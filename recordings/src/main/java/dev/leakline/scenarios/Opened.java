package dev.leakline.scenarios;

import java.io.IOException;
import java.io.InputStream;

/**
 * The scenario's own record of one response it opened: where, when, and what it did with the body.
 * Truth files are written from these, never from the recording.
 */
public final class Opened {
    private final String caseName;
    private final String site;
    private final String method;
    private final String path;
    /** The named pool the response came from, null when the scenario did not name one. */
    private final String pool;
    private final long openedAtMillis;
    private volatile InputStream body;
    private volatile boolean readToEnd;
    private volatile boolean closed;
    private volatile long closedAtMillis;
    private volatile long bytesRead;

    Opened(String caseName, String site, String method, String path, String pool, long openedAtMillis,
            InputStream body) {
        this.caseName = caseName;
        this.site = site;
        this.method = method;
        this.path = path;
        this.pool = pool;
        this.openedAtMillis = openedAtMillis;
        this.body = body;
    }

    /** Reads the body until -1. */
    public void readToEnd() throws IOException {
        byte[] buffer = new byte[8192];
        int n;
        while ((n = body.read(buffer)) >= 0) {
            bytesRead += n;
        }
        readToEnd = true;
    }

    /** Reads at most {@code n} bytes (at least one read call); used to keep a response in flight. */
    public void readSome(int n) throws IOException {
        byte[] buffer = new byte[Math.max(1, n)];
        int got = body.read(buffer);
        if (got < 0) {
            readToEnd = true;
        } else {
            bytesRead += got;
        }
    }

    /** Lets go of the body without reading or closing it, so that nothing here keeps it reachable. */
    void forget() {
        body = null;
    }

    /** Closes the body and notes when. */
    public void close() throws IOException {
        closedAtMillis = System.currentTimeMillis();
        closed = true;
        body.close();
    }

    String caseName() {
        return caseName;
    }

    String site() {
        return site;
    }

    String method() {
        return method;
    }

    String path() {
        return path;
    }

    String pool() {
        return pool;
    }

    long openedAtMillis() {
        return openedAtMillis;
    }

    boolean isReadToEnd() {
        return readToEnd;
    }

    boolean isClosed() {
        return closed;
    }

    long closedAtMillis() {
        return closedAtMillis;
    }
}
