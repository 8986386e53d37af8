package dev.leakline.junit;

import java.time.Instant;
import java.util.List;

/** A {@code leakline.ResponseOpened} event as the extension needs it. */
record OpenedResponse(long id, String client, String method, String uri, long threadId, String threadName,
        Instant time, List<StackTraceElement> stack) {

    /**
     * {@code GET http://127.0.0.1:8080/path (java.net.http)}; {@code ?} for a field the recording lost
     * (JDK 17 can lose an event's strings when the chunk rotates as it is written).
     */
    String describe() {
        return orUnknown(method) + " " + orUnknown(uri) + " (" + orUnknown(client) + ")";
    }

    private static String orUnknown(String value) {
        return value == null ? "?" : value;
    }
}
