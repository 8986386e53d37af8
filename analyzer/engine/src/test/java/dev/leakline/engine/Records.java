package dev.leakline.engine;

import java.util.List;

import dev.leakline.engine.event.Frame;
import dev.leakline.engine.event.JvmRun;
import dev.leakline.engine.event.RecordedEvent;

/** Small builders of the engine's records for tests: one response's events in a line each. */
public final class Records {
    public static final JvmRun RUN = new JvmRun(1_795_000_000_000L, 4242);
    public static final long S = 1_000_000_000L;
    /** 2026-11-18T11:06:40Z, when {@link #RUN} started. */
    public static final long T0 = 1_795_000_000L * S;

    private Records() {
    }

    public static List<Frame> stack(String... frames) {
        return java.util.Arrays.stream(frames).map(f -> {
            int dot = f.lastIndexOf('.');
            int colon = f.indexOf(':');
            return new Frame(f.substring(0, dot), f.substring(dot + 1, colon < 0 ? f.length() : colon),
                    colon < 0 ? -1 : Integer.parseInt(f.substring(colon + 1)));
        }).toList();
    }

    public static RecordedEvent.ResponseOpened opened(long id, long atSeconds, List<Frame> stack) {
        return opened(id, atSeconds, stack, "okhttp", "http://shop.example:8080/cart?x=1", null, 0);
    }

    public static RecordedEvent.ResponseOpened opened(long id, long atSeconds, List<Frame> stack, String client,
            String uri, String pool, long connection) {
        return new RecordedEvent.ResponseOpened(RUN, T0 + atSeconds * S, 7, "worker-1", id, connection, client, "GET",
                uri, 200, "HTTP/1.1", 100, stack, pool);
    }

    public static RecordedEvent.ResponseDrained drained(long id, long atSeconds) {
        return new RecordedEvent.ResponseDrained(RUN, T0 + atSeconds * S, 7, id, 100, "application");
    }

    public static RecordedEvent.ResponseClosed closed(long id, long atSeconds, boolean drained) {
        return new RecordedEvent.ResponseClosed(RUN, T0 + atSeconds * S, 7, id, drained ? 100 : 10, drained,
                "application");
    }

    public static RecordedEvent.ConnectionReleased released(long connection, long id, String outcome) {
        return new RecordedEvent.ConnectionReleased(RUN, T0, connection, "pool-a", outcome, id);
    }
}
