package dev.leakline.jfr.internal;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
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
    @Description("Identifies this response within one JVM run")
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
    public String method;

    @Label("URI")
    @Description("The request URI without user info, query or fragment unless recording them was enabled")
    public String uri;

    @Label("Status")
    public int status;

    @Label("Protocol")
    public String protocol;

    @Label("Content Length")
    @Description("The declared length of the body, -1 when unknown")
    @DataAmount
    public long contentLength;
}
