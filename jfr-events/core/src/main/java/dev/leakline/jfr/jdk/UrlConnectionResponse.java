package dev.leakline.jfr.jdk;

import dev.leakline.jfr.Actor;
import dev.leakline.jfr.Leakline;
import dev.leakline.jfr.TrackedResponse;
import dev.leakline.jfr.internal.Emitter;
import dev.leakline.jfr.internal.TrackedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.net.HttpURLConnection;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The response of one {@code HttpURLConnection}: opened once, the first time the application touches it, and
 * the tracked streams handed out for its body. One per connection in the JVM, found by the connection, so
 * that a {@link TrackedUrlConnection} and the agent's instrumentation of the same connection share it and the
 * response is tracked once.
 *
 * <p>Holds the connection weakly (the registry's key) and its streams weakly: the JDK's body streams refer to
 * their connection, and an abandoned connection must stay collectable.
 */
final class UrlConnectionResponse {
    private static final Map<HttpURLConnection, UrlConnectionResponse> BY_CONNECTION =
            Collections.synchronizedMap(new WeakHashMap<>());

    // Null until the application first touches the response; NONE if nothing recorded then.
    private TrackedResponse tracked;
    /** True while this thread asks the connection for its status: calls it makes back into us are its own. */
    private boolean opening;
    private Streams input = Streams.EMPTY;
    private Streams error = Streams.EMPTY;

    /** The response of {@code connection}, created on first use. */
    static UrlConnectionResponse of(HttpURLConnection connection) {
        return BY_CONNECTION.computeIfAbsent(connection, c -> new UrlConnectionResponse());
    }

    /** The response of {@code connection} if anything touched it, else null. */
    static UrlConnectionResponse find(HttpURLConnection connection) {
        return BY_CONNECTION.get(connection);
    }

    /** Opens the tracked response once, when the application first touches the response. */
    synchronized TrackedResponse response(HttpURLConnection connection) {
        if (tracked == null && !opening) {
            opening = true;
            try {
                tracked = open(connection);
            } finally {
                opening = false;
            }
        }
        return tracked == null ? TrackedResponse.NONE : tracked;
    }

    /** The stream to give the application for {@code in}, the connection's input stream. */
    synchronized InputStream input(HttpURLConnection connection, InputStream in) {
        if (in == null || opening || JdkInstrumentation.isOurs(in, TrackedInputStream.class)) {
            return in; // Our own status call inside the client, or already tracked (the agent and a wrapper).
        }
        TrackedResponse response = response(connection);
        InputStream out = input.trackedFor(in);
        if (out == null) {
            out = Leakline.trackBody(in, response);
            input = new Streams(in, out);
        }
        return out;
    }

    /** The stream to give the application for {@code in}, the connection's error stream. */
    synchronized InputStream error(HttpURLConnection connection, InputStream in) {
        if (in == null || opening || JdkInstrumentation.isOurs(in, TrackedInputStream.class)) {
            return in;
        }
        TrackedResponse response = response(connection);
        InputStream out = error.trackedFor(in);
        if (out == null) {
            out = Leakline.trackBody(in, response);
            error = new Streams(in, out);
        }
        return out;
    }

    /** {@code disconnect()}: a close by the application if the body was not closed yet. */
    void disconnected() {
        TrackedResponse response;
        synchronized (this) {
            response = tracked;
        }
        if (response != null) {
            response.closed(Actor.APPLICATION);
        }
    }

    private static TrackedResponse open(HttpURLConnection connection) {
        if (!Leakline.isRecording()) {
            return TrackedResponse.NONE;
        }
        int status;
        try {
            // Sends the request if needed. A failure is remembered by the connection and thrown again
            // by the application's own call, so no second attempt is made.
            status = connection.getResponseCode();
        } catch (IOException | RuntimeException e) {
            return TrackedResponse.NONE;
        }
        if (status < 0) {
            return TrackedResponse.NONE; // Not a valid HTTP response: nothing to finish.
        }
        try {
            return Leakline.responseOpened(TrackedUrlConnection.CLIENT, 0, connection.getRequestMethod(),
                    connection.getURL().toString(), status, protocol(connection.getHeaderField(0)),
                    connection.getContentLengthLong());
        } catch (RuntimeException e) {
            Emitter.failed(e);
            return TrackedResponse.NONE;
        }
    }

    /** "HTTP/1.1" from the status line "HTTP/1.1 200 OK". */
    private static String protocol(String statusLine) {
        if (statusLine == null || !statusLine.startsWith("HTTP/")) {
            return null;
        }
        int space = statusLine.indexOf(' ');
        return space < 0 ? statusLine : statusLine.substring(0, space);
    }

    /** The client's stream and the tracked one handed out for it, both held weakly. */
    private static final class Streams {
        static final Streams EMPTY = new Streams(null, null);

        private final WeakReference<InputStream> raw;
        private final WeakReference<InputStream> tracked;

        Streams(InputStream raw, InputStream tracked) {
            this.raw = new WeakReference<>(raw);
            this.tracked = new WeakReference<>(tracked);
        }

        /**
         * The tracked stream already handed out for {@code in}, or null: the client returns the same stream
         * for each call, and the application must get the same tracked one.
         */
        InputStream trackedFor(InputStream in) {
            return raw.get() == in ? tracked.get() : null;
        }
    }
}
