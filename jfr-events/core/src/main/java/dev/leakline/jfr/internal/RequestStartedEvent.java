package dev.leakline.jfr.internal;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * {@code leakline.RequestStarted}: the application started an asynchronous request. Its stack trace is the
 * thread that started it; the response's {@code leakline.ResponseOpened}, recorded later on one of the
 * client's threads, carries the same response id.
 */
@Name(RequestStartedEvent.NAME)
@Label("Request Started")
@Category({"Leakline", "HTTP"})
@Description("The application started an HTTP request whose response arrives on another thread; the stack trace"
        + " is the starting thread's, and the response's events carry the same response id")
@StackTrace(true)
public final class RequestStartedEvent extends Event {
    public static final String NAME = "leakline.RequestStarted";

    @Label("Response Id")
    @Description("The id the response to this request carries in ResponseOpened, ResponseDrained and ResponseClosed")
    @ResponseId
    public long responseId;

    @Label("Client")
    @Description("The HTTP client library, for example java.net.http or okhttp")
    public String client;

    @Label("Method")
    @Description("The request method, for example GET")
    public String method;

    @Label("URI")
    @Description("The request URI without user info, query or fragment unless recording them was enabled")
    public String uri;
}
