package dev.leakline.jfr.okhttp;

import java.util.Objects;
import okhttp3.EventListener;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;

/**
 * Leakline for OkHttp 4 and 5: an application interceptor that tracks each response's body, and an
 * {@link EventListener.Factory} that records each connection's release, wrapped around the client's own.
 *
 * <pre>{@code
 * OkHttpClient client = LeaklineOkHttp.instrument(new OkHttpClient.Builder()).build();
 * // or, for a client built elsewhere (shares its pool and dispatcher):
 * OkHttpClient tracked = LeaklineOkHttp.instrument(existingClient);
 * }</pre>
 *
 * <h2>What is recorded</h2>
 * <ul>
 *   <li>{@code leakline.RequestStarted} when a call starts ({@code callStart}), on the thread that called
 *       {@code execute()} or {@code enqueue()}, with its stack trace and the id the response's events will carry.
 *       For {@code enqueue()} this is the event that names the application's line. OkHttp's listener cannot
 *       tell the two apart, so {@code execute()} records it too.</li>
 *   <li>{@code leakline.ResponseOpened} when the final response's head has arrived (after redirects and
 *       retries, whose bodies OkHttp closes itself), on the thread that called {@code execute()}, so its
 *       stack trace shows the application's line (on a dispatcher thread after {@code enqueue()}); its
 *       connection id comes from {@code connectionAcquired}.</li>
 *   <li>{@code leakline.ResponseDrained} when a read of the body returns end of stream; with
 *       {@code drainedBy=library} when OkHttp read the rest of a body the application closed early, so the
 *       connection could be pooled.</li>
 *   <li>{@code leakline.ResponseClosed} when the application closes the body or the response.</li>
 *   <li>{@code leakline.ConnectionReleased} at {@code connectionReleased}: {@code closed} when OkHttp closed
 *       the socket, {@code pooled} otherwise. OkHttp releases the connection as soon as the last byte of the
 *       body is in the body's buffer, which can be before the application's read sees the end.</li>
 * </ul>
 * While no recording has the Leakline events enabled, each call pays one check in the factory and one in
 * the interceptor, and nothing is wrapped.
 */
public final class LeaklineOkHttp {
    /** The value recorded in the {@code client} field of {@code leakline.ResponseOpened}. */
    public static final String CLIENT = "okhttp";

    private LeaklineOkHttp() {
    }

    /**
     * Instruments a builder: adds the interceptor (first among application interceptors) and wraps the
     * event listener factory it has now. Call it after setting your own {@code eventListener(Factory)}, since
     * setting one later replaces Leakline's. The pool's name recorded is each connection's origin, for
     * example {@code http://127.0.0.1:8080}. Instrumenting twice changes nothing.
     *
     * @return {@code builder}, for chaining
     */
    public static OkHttpClient.Builder instrument(OkHttpClient.Builder builder) {
        return instrument(builder, null);
    }

    /**
     * As {@link #instrument(OkHttpClient.Builder)}, recording {@code poolName} as the name of the pool
     * ({@code null}: each connection's origin).
     *
     * @return {@code builder}, for chaining
     */
    public static OkHttpClient.Builder instrument(OkHttpClient.Builder builder, String poolName) {
        Objects.requireNonNull(builder, "builder");
        if (builder.interceptors().contains(ResponseTracker.INSTANCE)) {
            return builder;
        }
        // The builder does not expose its factory; a client built from it does (building one is cheap
        // and starts nothing: the dispatcher's threads and the pool's cleaner are created lazily).
        EventListener.Factory current = builder.build().eventListenerFactory();
        builder.interceptors().add(0, ResponseTracker.INSTANCE);
        builder.eventListenerFactory(eventListenerFactory(current, poolName));
        return builder;
    }

    /**
     * A client like {@code client}, sharing its pool, dispatcher and settings, with Leakline added.
     */
    public static OkHttpClient instrument(OkHttpClient client) {
        return instrument(client, null);
    }

    /**
     * As {@link #instrument(OkHttpClient)}, recording {@code poolName} as the name of the pool.
     */
    public static OkHttpClient instrument(OkHttpClient client, String poolName) {
        Objects.requireNonNull(client, "client");
        return instrument(client.newBuilder(), poolName).build();
    }

    /**
     * The event listener factory alone, for builders configured by hand: each call's listener forwards every
     * event to the one {@code userFactory} creates (use {@link EventListener#NONE}'s factory, or your own)
     * and records connection releases. Use it together with {@link #interceptor()}.
     *
     * @param poolName the pool's name to record, {@code null} for each connection's origin
     */
    public static EventListener.Factory eventListenerFactory(EventListener.Factory userFactory, String poolName) {
        Objects.requireNonNull(userFactory, "userFactory");
        if (userFactory instanceof TrackingListenerFactory) {
            return userFactory;
        }
        return new TrackingListenerFactory(userFactory, poolName);
    }

    /** The application interceptor that tracks response bodies; add it first with {@code addInterceptor}. */
    public static Interceptor interceptor() {
        return ResponseTracker.INSTANCE;
    }
}
