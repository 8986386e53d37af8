package dev.leakline.jfr.jdk;

import dev.leakline.jfr.Leakline;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Not API: the entry points through which {@code leakline-agent} applies the same tracking as
 * {@link TrackedHttpClient} and {@link TrackedUrlConnection} to clients it instruments. Applications wrap
 * their clients with those two classes instead. Parameters are {@code Object} where the agent's advice,
 * inlined into JDK classes, cannot name the types; a wrong type is a bug in the agent and is thrown.
 */
public final class JdkInstrumentation {
    private JdkInstrumentation() {
    }

    /**
     * A {@code send} or {@code sendAsync} starts: the counter of received bytes to pass on, or null when the
     * send is not to be tracked (nothing records, or a {@link TrackedHttpClient} already tracks it).
     */
    public static Object sendStarts(Object handler) {
        if (handler == null || isOurs(handler, CountingHandler.class) || !Leakline.isRecording()) {
            return null;
        }
        return new AtomicLong();
    }

    /**
     * Whether {@code object} is an instance of {@code type} of any copy of this library: a web application
     * with its own copy in its own class loader wraps with its own classes, which are tracked already.
     */
    static boolean isOurs(Object object, Class<?> type) {
        return type.isInstance(object) || object.getClass().getName().equals(type.getName());
    }

    /** The handler to send with instead of {@code handler}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Object countingHandler(Object handler, Object received) {
        return TrackedHttpClient.counting((BodyHandler) handler, (AtomicLong) received);
    }

    /** What {@code send} returns instead of {@code response}, opened on the calling thread. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Object sent(Object response, Object received) {
        return response == null ? null : Bodies.track((HttpResponse) response, (AtomicLong) received, 0);
    }

    /**
     * What {@code sendAsync} returns instead of {@code future}. Called on the thread that called {@code sendAsync},
     * so the request's start is recorded with the application's line, as {@link TrackedHttpClient} does.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Object sentAsync(Object request, Object future, Object received) {
        if (future == null) {
            return null;
        }
        long started = TrackedHttpClient.started(request instanceof HttpRequest ? (HttpRequest) request : null);
        return TrackedHttpClient.tracked((CompletableFuture) future, (AtomicLong) received, started);
    }

    /** {@link #inputStreamEntered}: nothing records, or another connection's call is under way on this thread. */
    public static final int ENTERED_UNKNOWN = 0;
    /** {@link #inputStreamEntered}: the outermost {@code getInputStream()} of its connection on this thread. */
    public static final int ENTERED_OUTERMOST = 1;
    /** {@link #inputStreamEntered}: a call inside the outermost one, on the same connection (the JDK's own). */
    public static final int ENTERED_NESTED = 2;

    /**
     * The connection whose outermost {@code getInputStream()} this thread is in, or null. The JDK's
     * {@code getInputStream()} calls {@code getResponseCode()}, which calls {@code getInputStream()} again; the
     * response is opened by the outer call only, so that its stack trace is the application's call and no deeper.
     */
    private static final ThreadLocal<HttpURLConnection> IN_GET_INPUT_STREAM = new ThreadLocal<>();

    /** {@code getInputStream()} of {@code connection} starts: one of the {@code ENTERED_} values. */
    public static int inputStreamEntered(HttpURLConnection connection) {
        if (!Leakline.isRecording()) {
            return ENTERED_UNKNOWN;
        }
        HttpURLConnection outer = IN_GET_INPUT_STREAM.get();
        if (outer == null) {
            IN_GET_INPUT_STREAM.set(connection);
            return ENTERED_OUTERMOST;
        }
        // Another connection's call under way (an authenticator or cache opening its own): tracked as before.
        return outer == connection ? ENTERED_NESTED : ENTERED_UNKNOWN;
    }

    /** {@code getInputStream()} returned or threw; {@code entered} is what {@link #inputStreamEntered} returned. */
    public static void inputStreamLeft(int entered) {
        if (entered == ENTERED_OUTERMOST) {
            IN_GET_INPUT_STREAM.set(null); // set, not remove: remove would allocate a new entry at the next call.
        }
    }

    /** What {@code getInputStream()} returns instead of {@code in}. */
    public static InputStream inputStream(HttpURLConnection connection, InputStream in) {
        UrlConnectionResponse state = Leakline.isRecording()
                ? UrlConnectionResponse.of(connection) : UrlConnectionResponse.find(connection);
        return state == null ? in : state.input(connection, in);
    }

    /** {@code getInputStream()} threw (a status of 400 or more, or no response): opens the response if one came. */
    public static void inputStreamFailed(HttpURLConnection connection) {
        if (Leakline.isRecording()) {
            UrlConnectionResponse.of(connection).response(connection);
        }
    }

    /** What {@code getErrorStream()} returns instead of {@code in}. */
    public static InputStream errorStream(HttpURLConnection connection, InputStream in) {
        if (in == null) {
            return null;
        }
        UrlConnectionResponse state = Leakline.isRecording()
                ? UrlConnectionResponse.of(connection) : UrlConnectionResponse.find(connection);
        return state == null ? in : state.error(connection, in);
    }

    /** {@code disconnect()} returned. */
    public static void disconnected(HttpURLConnection connection) {
        UrlConnectionResponse state = UrlConnectionResponse.find(connection);
        if (state != null) {
            state.disconnected();
        }
    }
}
