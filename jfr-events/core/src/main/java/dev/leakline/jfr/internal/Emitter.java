package dev.leakline.jfr.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import jdk.jfr.EventType;

/**
 * Writes the five Leakline events. Every method checks that its event is enabled before it allocates,
 * and none lets a failure reach the caller: the application's request must never fail because of us.
 *
 * <p>Not API: adapters go through {@link dev.leakline.jfr.Leakline} and {@link dev.leakline.jfr.TrackedResponse}.
 */
public final class Emitter {
    // Looked up once: EventType.isEnabled() is a field read, true only while a recording wants the event.
    private static final EventType STARTED = EventType.getEventType(RequestStartedEvent.class);
    private static final EventType OPENED = EventType.getEventType(ResponseOpenedEvent.class);
    private static final EventType DRAINED = EventType.getEventType(ResponseDrainedEvent.class);
    private static final EventType CLOSED = EventType.getEventType(ResponseClosedEvent.class);
    private static final EventType RELEASED = EventType.getEventType(ConnectionReleasedEvent.class);

    private static final AtomicBoolean FAILURE_LOGGED = new AtomicBoolean();

    private Emitter() {
    }

    public static boolean openedEnabled() {
        return OPENED.isEnabled();
    }

    public static boolean startedEnabled() {
        return STARTED.isEnabled();
    }

    public static boolean releasedEnabled() {
        return RELEASED.isEnabled();
    }

    public static void started(long responseId, String client, String method, String uri) {
        try {
            RequestStartedEvent event = new RequestStartedEvent();
            event.responseId = responseId;
            event.client = client;
            event.method = method;
            event.uri = UriRedactor.redact(uri);
            event.commit();
        } catch (RuntimeException | LinkageError e) {
            failed(e);
        }
    }

    public static void opened(long responseId, String client, String pool, long connectionId, String method,
            String uri, int status, String protocol, long contentLength) {
        try {
            ResponseOpenedEvent event = new ResponseOpenedEvent();
            event.responseId = responseId;
            event.client = client;
            event.pool = Caps.cap(pool);
            event.connectionId = connectionId;
            event.method = Caps.cap(method);
            event.uri = UriRedactor.redact(uri);
            event.status = status;
            event.protocol = protocol;
            event.contentLength = contentLength;
            event.commit();
        } catch (RuntimeException | LinkageError e) {
            failed(e);
        }
    }

    /** @param openedAt {@link System#nanoTime()} when the response opened */
    public static void drained(long responseId, long bytesRead, String by, long openedAt) {
        if (!DRAINED.isEnabled()) {
            return;
        }
        try {
            ResponseDrainedEvent event = new ResponseDrainedEvent();
            event.responseId = responseId;
            event.bytesRead = bytesRead;
            event.drainedBy = by;
            event.openFor = openFor(openedAt);
            event.commit();
        } catch (RuntimeException | LinkageError e) {
            failed(e);
        }
    }

    /** @param openedAt {@link System#nanoTime()} when the response opened */
    public static void closed(long responseId, long bytesRead, boolean drained, String by, long openedAt) {
        if (!CLOSED.isEnabled()) {
            return;
        }
        try {
            ResponseClosedEvent event = new ResponseClosedEvent();
            event.responseId = responseId;
            event.bytesRead = bytesRead;
            event.drained = drained;
            event.closedBy = by;
            event.openFor = openFor(openedAt);
            event.commit();
        } catch (RuntimeException | LinkageError e) {
            failed(e);
        }
    }

    public static void released(long connectionId, String pool, String outcome, long lastResponseId) {
        try {
            ConnectionReleasedEvent event = new ConnectionReleasedEvent();
            event.connectionId = connectionId;
            event.pool = Caps.cap(pool);
            event.outcome = outcome;
            event.responseId = lastResponseId;
            event.commit();
        } catch (RuntimeException | LinkageError e) {
            failed(e);
        }
    }

    /** Nanoseconds since {@code openedAt}; never negative (nanoTime is monotonic, the guard costs nothing). */
    private static long openFor(long openedAt) {
        return Math.max(0, System.nanoTime() - openedAt);
    }

    /** Reports the first internal failure once, then stays quiet: a broken recorder must not flood logs. */
    public static void failed(Throwable t) {
        if (FAILURE_LOGGED.compareAndSet(false, true)) {
            try {
                System.getLogger("dev.leakline.jfr").log(System.Logger.Level.WARNING,
                        "Leakline could not record an event; further failures are not logged", t);
            } catch (RuntimeException | LinkageError ignored) {
                // Nothing left to do without risking the caller.
            }
        }
    }
}
