package dev.leakline.jfr.httpclient5;

import dev.leakline.jfr.internal.Emitter;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.io.HttpClientConnectionManager;

/**
 * Not API: the entry points through which {@code leakline-agent}'s advice applies this module's own tracking
 * ({@link ResponseTracker}, {@link TrackingConnectionManager}) to clients the application builds itself. The
 * types are {@code Object} because the advice calls them through a bridge that cannot see HttpClient.
 *
 * <p>Builders are remembered weakly, so a builder wrapped by hand with {@link LeaklineHttpClient5#instrument}
 * (or built twice) gets the exec chain handler once; a connection manager already wrapped is kept as it is,
 * with the pool name given by hand. A client seen by both is tracked once.
 */
public final class Apache5Tracking {
    /** Builders that already have Leakline's exec chain handler; weak keys, identity (the builder has no equals). */
    private static final Map<HttpClientBuilder, Boolean> INSTRUMENTED =
            Collections.synchronizedMap(new WeakHashMap<>());

    private Apache5Tracking() {
    }

    /** {@code HttpClientBuilder.build()} is starting: adds the exec chain handler unless the builder has it. */
    public static void building(Object builder) {
        if (builder instanceof HttpClientBuilder && INSTRUMENTED.putIfAbsent((HttpClientBuilder) builder, Boolean.TRUE) == null) {
            try {
                ((HttpClientBuilder) builder).addExecInterceptorFirst(LeaklineHttpClient5.HANDLER_NAME,
                        new ResponseTracker());
            } catch (RuntimeException | LinkageError e) {
                Emitter.failed(e);
            }
        }
    }

    /**
     * The connection manager a new client is about to be built with: wrapped so each lease and release is
     * seen, or {@code manager} itself when already wrapped or not a connection manager.
     */
    public static Object connectionManager(Object manager) {
        if (manager instanceof HttpClientConnectionManager) {
            return LeaklineHttpClient5.connectionManager((HttpClientConnectionManager) manager, null);
        }
        return manager;
    }

    /** {@code builder} got the handler by hand ({@link LeaklineHttpClient5#instrument}). */
    static void instrumented(HttpClientBuilder builder) {
        INSTRUMENTED.put(builder, Boolean.TRUE);
    }
}
