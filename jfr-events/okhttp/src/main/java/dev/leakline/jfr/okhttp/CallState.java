package dev.leakline.jfr.okhttp;

import dev.leakline.jfr.TrackedResponse;

/**
 * What the interceptor and the event listener of one call share: the connection the response came on,
 * and the tracked response. It travels as a tag on the request the interceptor passes down, which the
 * listener receives in {@code requestHeadersEnd}. Holds no reference to the response or its body.
 */
final class CallState {
    private volatile long connectionId;
    private volatile String pool;
    private volatile TrackedResponse response = TrackedResponse.NONE;
    /** The response id the call's start reserved, 0 when none was recorded. */
    private volatile long started;
    /** Set when OkHttp had the whole body before the application closed it (EOF, not an early close). */
    private volatile boolean endedBeforeClose;

    long connectionId() {
        return connectionId;
    }

    /** The pool's name, as the listener will give it to {@code connectionReleased}; null before a connection. */
    String pool() {
        return pool;
    }

    void connection(long id, String poolName) {
        connectionId = id;
        pool = poolName;
    }

    long started() {
        return started;
    }

    void started(long responseId) {
        started = responseId;
    }

    TrackedResponse response() {
        return response;
    }

    void response(TrackedResponse tracked) {
        response = tracked;
    }

    /**
     * {@code responseBodyEnd} fires both when the body's end arrives and when the application closes it
     * early; the tracked response says which: closed already means an early close.
     */
    void bodyEnded() {
        if (!response.isClosed()) {
            endedBeforeClose = true;
        }
    }

    boolean endedBeforeClose() {
        return endedBeforeClose;
    }
}
