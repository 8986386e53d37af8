package dev.leakline.jfr.internal;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** {@code leakline.ResponseOpened}: the head of a response arrived; its body is now the application's. */
@Name(ResponseOpenedEvent.NAME)
@Label("Response Opened")
@Category({"Leakline", "HTTP"})
@Description("The head of an HTTP response arrived; the application now owns its body and must read it to the end or close it")
@StackTrace(true)
public final class ResponseOpenedEvent extends Event {
    public static final String NAME = "leakline.ResponseOpened";

    @Label("Response Id")
    @Description("Identifies this response within one JVM run; a RequestStarted with the same id names the thread that started an asynchronous request")
    @ResponseId
    public long responseId;

    @Label("Connection Id")
    @Description("Identifies the connection that carried the response, 0 when the client does not tell")
    @ConnectionId
    public long connectionId;

    @Label("Client")
    @Description("The HTTP client library, for example java.net.http or HttpURLConnection")
    public String client;

    // Recorded on the open too because a leaked response's connection is never released: without it, a
    // leak on a new connection could not be put in its pool.
    @Label("Pool")
    @Description("The pool the connection belongs to, as ConnectionReleased names it; empty when the client has no pool")
    public String pool;

    @Label("Method")
    @Description("The request method, for example GET")
    public String method;

    @Label("URI")
    @Description("The request URI without user info, query or fragment unless recording them was enabled")
    public String uri;

    @Label("Status")
    @Description("The response's HTTP status code")
    public int status;

    @Label("Protocol")
    @Description("The protocol of the response, for example HTTP/1.1 or HTTP/2")
    public String protocol;

    // Deliberately not @DataAmount: a JFR field cannot be null, and JMC has no "unknown" for a quantity; it
    // shows -1 as "-1 B" and Long.MIN_VALUE as "-8 EiB" (checked with JMC 9.1.1's parser). A plain number reads
    // honestly as "-1" next to this description. The name, type and -1 stay as in recordings made before, so
    // every reader reads old and new files alike.
    @Label("Content Length (bytes)")
    @Description("The declared length of the body in bytes, -1 when the response did not declare one")
    public long contentLength;
}
