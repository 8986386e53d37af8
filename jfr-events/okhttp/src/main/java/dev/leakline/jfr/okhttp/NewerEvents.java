package dev.leakline.jfr.okhttp;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import okhttp3.EventListener;

/**
 * The listener events OkHttp 5 added ({@code dispatcherQueueStart/End}, {@code retryDecision},
 * {@code followUpDecision}). This module is compiled against OkHttp 4, so {@link TrackingListener} declares
 * them without {@code @Override} (the JVM still makes them overrides on OkHttp 5, where they exist) and
 * forwards them to the user's listener through these handles, found once; on OkHttp 4 they are absent
 * and never called.
 */
final class NewerEvents {
    static final MethodHandle DISPATCHER_QUEUE_START = find("dispatcherQueueStart", okhttp3.Call.class,
            okhttp3.Dispatcher.class);
    static final MethodHandle DISPATCHER_QUEUE_END = find("dispatcherQueueEnd", okhttp3.Call.class,
            okhttp3.Dispatcher.class);
    static final MethodHandle RETRY_DECISION = find("retryDecision", okhttp3.Call.class,
            java.io.IOException.class, boolean.class);
    static final MethodHandle FOLLOW_UP_DECISION = find("followUpDecision", okhttp3.Call.class,
            okhttp3.Response.class, okhttp3.Request.class);

    private NewerEvents() {
    }

    private static MethodHandle find(String name, Class<?>... parameters) {
        try {
            return MethodHandles.publicLookup().findVirtual(EventListener.class, name,
                    MethodType.methodType(void.class, parameters));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null; // OkHttp 4: the event does not exist.
        }
    }

    /** Calls the user's listener as OkHttp would have: its exceptions reach OkHttp unchanged. */
    static void forward(MethodHandle handle, EventListener user, Object... arguments) {
        if (handle == null) {
            return;
        }
        Object[] all = new Object[arguments.length + 1];
        all[0] = user;
        System.arraycopy(arguments, 0, all, 1, arguments.length);
        try {
            handle.invokeWithArguments(all);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e); // Not reachable: the events declare no checked exceptions.
        }
    }
}
