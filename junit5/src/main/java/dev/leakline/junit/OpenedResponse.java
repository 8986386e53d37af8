package dev.leakline.junit;

import java.time.Instant;
import java.util.List;

/** A {@code leakline.ResponseOpened} event as the extension needs it. */
record OpenedResponse(long id, String client, String method, String uri, long threadId, String threadName,
        Instant time, List<StackTraceElement> stack) {

    /** {@code GET http://127.0.0.1:8080/path (java.net.http)}. */
    String describe() {
        return method + " " + uri + " (" + client + ")";
    }
}
