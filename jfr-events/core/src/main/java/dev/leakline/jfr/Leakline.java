package dev.leakline.jfr;

import dev.leakline.jfr.internal.Emitter;
import dev.leakline.jfr.internal.ResponseIds;
import dev.leakline.jfr.internal.TrackedInputStream;
import dev.leakline.jfr.internal.UriRedactor;
import java.io.InputStream;
import java.net.URI;

/**
 * The entry point that client adapters, and applications with a client of their own, call at each
 * step of a response's life.
 *
 * <h2>The lifecycle</h2>
 * <pre>
 *  [requestStarted]
 *   responseOpened ─┬─ bodyRead* ─ bodyDrained ─ closed ─ connectionReleased(POOLED)   read to the end, closed
 *                   ├─ bodyRead* ─ closed ─ connectionReleased(POOLED | CLOSED)         closed before its end
 *                   └─ (nothing)                                                       leaked
 * </pre>
 * Each response gets an id unique within the JVM run, even across copies of this library in different
 * class loaders; it ties {@code leakline.ResponseOpened},
 * {@code leakline.ResponseDrained} and {@code leakline.ResponseClosed}. For an asynchronous request, whose
 * response opens on one of the client's threads, the adapter calls {@link #requestStarted} on the thread that
 * started it: {@code leakline.RequestStarted} records that thread's stack trace, the application's line, and
 * reserves the id that the response's events then carry. {@code leakline.ConnectionReleased}
 * is tied to them by the connection id (and carries the id of the connection's last response).
 * Drained and closed are each recorded at most once and either may be missing; drained may come
 * after closed for clients that drain on close. A close may be written before its open in the file
 * (events are buffered per thread): readers pair by id, not by order.
 *
 * <h2>Cost</h2>
 * When no recording has the Leakline events enabled, {@link #responseOpened} returns
 * {@link TrackedResponse#NONE} and {@link #requestStarted} returns 0 after one field read: no allocation, no
 * stack walk, no string built.
 * Adapters check {@link #isRecording()} first so that they do not compute arguments either.
 *
 * <h2>Privacy</h2>
 * URIs are recorded without user info, query or fragment unless {@link #setRecordQueryStrings(boolean)}
 * (or {@code -Dleakline.recordQueryStrings=true}) asks for query and fragment. Header values are never
 * recorded.
 */
public final class Leakline {
    /** False when this JVM has no JDK Flight Recorder (a runtime image without the jdk.jfr module). */
    private static final boolean AVAILABLE = jfrAvailable();

    private Leakline() {
    }

    /** Whether a recording wants {@code leakline.ResponseOpened} now. Cheap enough for every request. */
    public static boolean isRecording() {
        return AVAILABLE && Emitter.openedEnabled();
    }

    /**
     * An asynchronous request is starting, on the thread that starts it. Records {@code leakline.RequestStarted}
     * with this thread's stack trace and reserves the id of the request's response: pass the result to
     * {@link #responseOpened(long, String, String, long, String, String, int, String, long)} when the response's
     * head arrives, on whatever thread. A synchronous request needs no start: the open's own stack trace is the
     * caller's.
     *
     * <p>Returns 0 at once, without allocating or walking the stack, when no recording wants both
     * {@code leakline.ResponseOpened} and {@code leakline.RequestStarted}. A request that fails before its
     * response leaves a start with no open; readers ignore it.
     *
     * @param client the client library, as later given to {@code responseOpened}
     * @param method the request method
     * @param uri    the request URI; redacted before it is recorded
     * @return the id the response's events will carry, or 0 when nothing records the start
     */
    public static long requestStarted(String client, String method, String uri) {
        if (!isRecording() || !Emitter.startedEnabled()) {
            return 0;
        }
        long responseId = ResponseIds.next();
        Emitter.started(responseId, client, method, uri);
        return responseId;
    }

    /**
     * A response's head arrived. Records {@code leakline.ResponseOpened} with the caller's stack trace
     * and returns the handle to report the body's fate on.
     *
     * @param client        the client library, for example {@code "java.net.http"}
     * @param connectionId  the connection that carried the response, 0 when unknown; see {@link #connectionId(String)}
     * @param method        the request method
     * @param uri           the request URI; redacted before it is recorded
     * @param status        the status code
     * @param protocol      for example {@code "HTTP/1.1"}
     * @param contentLength the declared body length, -1 when unknown
     * @return the tracked response, or {@link TrackedResponse#NONE} when nothing records
     */
    public static TrackedResponse responseOpened(String client, long connectionId, String method, String uri,
            int status, String protocol, long contentLength) {
        return responseOpened(client, null, connectionId, method, uri, status, protocol, contentLength);
    }

    /**
     * As {@link #responseOpened(String, long, String, String, int, String, long)}, naming the connection's pool.
     * A leaked response's connection is never released, so only this name lets a reader put the leak in its
     * pool when the connection carried nothing else.
     *
     * @param pool the pool's name, exactly as later given to {@link #connectionReleased}; {@code null} when
     *             the client has no pool
     */
    public static TrackedResponse responseOpened(String client, String pool, long connectionId, String method,
            String uri, int status, String protocol, long contentLength) {
        return responseOpened(0, client, pool, connectionId, method, uri, status, protocol, contentLength);
    }

    /**
     * As {@link #responseOpened(String, String, long, String, String, int, String, long)}, for the response to a
     * request whose start was recorded: the response carries the id {@link #requestStarted} returned, so that
     * readers find the starting thread's stack trace.
     *
     * @param requestId what {@link #requestStarted} returned for this response's request; 0 (nothing recorded
     *                  the start) gives the response a new id. Never pass one id to two responses.
     * @return the tracked response, carrying {@code requestId} when it is not 0, or {@link TrackedResponse#NONE}
     *         when nothing records
     */
    public static TrackedResponse responseOpened(long requestId, String client, String pool, long connectionId,
            String method, String uri, int status, String protocol, long contentLength) {
        if (!isRecording()) {
            return TrackedResponse.NONE;
        }
        TrackedResponse response = new TrackedResponse(
                requestId != 0 ? requestId : ResponseIds.next());
        Emitter.opened(response.id(), client, pool, connectionId, method, uri, status, protocol, contentLength);
        return response;
    }

    /** As {@link #responseOpened(String, long, String, String, int, String, long)}, with a {@link URI}. */
    public static TrackedResponse responseOpened(String client, long connectionId, String method, URI uri,
            int status, String protocol, long contentLength) {
        if (!isRecording()) {
            return TrackedResponse.NONE;
        }
        return responseOpened(client, connectionId, method, uri == null ? null : uri.toString(), status, protocol,
                contentLength);
    }

    /**
     * Wraps a response body so that reading it to -1 marks the response drained and closing it marks it
     * closed by the application. Returns {@code body} itself for {@link TrackedResponse#NONE}.
     */
    public static InputStream trackBody(InputStream body, TrackedResponse response) {
        if (body == null || !response.isTracked()) {
            return body;
        }
        return new TrackedInputStream(body, response);
    }

    /**
     * A connection was returned to its pool, or closed. Records {@code leakline.ConnectionReleased}.
     *
     * @param connectionId   the connection, as given to {@link #responseOpened}
     * @param pool           a name for the pool, for example the client's name or its route
     * @param outcome        pooled for reuse, or closed
     * @param lastResponseId the id of the last response the connection carried, 0 when unknown
     */
    public static void connectionReleased(long connectionId, String pool, ReleaseOutcome outcome,
            long lastResponseId) {
        if (AVAILABLE && Emitter.releasedEnabled()) {
            Emitter.released(connectionId, pool, outcome.label(), lastResponseId);
        }
    }

    /**
     * A stable, non-zero connection id for a client's own label of a connection (for example
     * {@code HttpResponse.connectionLabel()} on JDK 25, or Apache's {@code http-outgoing-7}).
     * The same label always gives the same id; different labels collide with negligible probability.
     * Ids stay below 2<sup>53</sup>, so JSON readers that hold numbers as doubles (JavaScript) read them exactly.
     */
    public static long connectionId(String label) {
        if (label == null) {
            return 0;
        }
        // FNV-1a over UTF-16 units, then a 64-bit finalizer (from SplitMix64) to spread short labels.
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < label.length(); i++) {
            h ^= label.charAt(i);
            h *= 0x100000001b3L;
        }
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        h ^= h >>> 31;
        h &= MAX_EXACT_JSON_INTEGER;
        return h == 0 ? 1 : h;
    }

    /** 2<sup>53</sup> - 1: the largest integer a double (a JSON number in JavaScript) holds exactly. */
    private static final long MAX_EXACT_JSON_INTEGER = (1L << 53) - 1;

    /**
     * A stable, non-zero connection id for a TCP connection, from its two endpoints by numeric address and port
     * (for example {@code 127.0.0.1:51234->127.0.0.1:8080}). Never from {@code SocketAddress.toString()}: that
     * string gains the host name once anything resolves it (JFR's socket events do), and one connection would get
     * two ids. Returns 0 when both endpoints are unknown.
     */
    public static long connectionId(java.net.SocketAddress local, java.net.SocketAddress remote) {
        if (local == null && remote == null) {
            return 0;
        }
        return connectionId(numeric(local) + "->" + numeric(remote));
    }

    private static String numeric(java.net.SocketAddress address) {
        if (address instanceof java.net.InetSocketAddress) {
            java.net.InetSocketAddress inet = (java.net.InetSocketAddress) address;
            java.net.InetAddress ip = inet.getAddress();
            // getHostString never looks a name up; an unresolved address keeps the name it was given.
            return (ip == null ? inet.getHostString() : ip.getHostAddress()) + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }

    /**
     * How many response ids this copy of the library has given out so far, to tracked responses and to recorded request
     * starts (nothing is counted while nothing records). One volatile read: a test harness compares it before
     * and after a test to skip reading the recording when the test opened no response at all.
     */
    public static long responsesOpened() {
        return ResponseIds.issued();
    }

    /**
     * Opts in to (or out of) recording query strings and fragments in URIs. Off by default because
     * query strings often carry tokens. User info is never recorded.
     */
    public static void setRecordQueryStrings(boolean record) {
        UriRedactor.setKeepQuery(record);
    }

    private static boolean jfrAvailable() {
        try {
            Emitter.openedEnabled();
            return true;
        } catch (LinkageError e) {
            return false;
        }
    }
}
