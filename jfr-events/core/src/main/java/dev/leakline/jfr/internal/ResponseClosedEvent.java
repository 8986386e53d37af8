package dev.leakline.jfr.internal;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** {@code leakline.ResponseClosed}: the body was closed, read to its end or not. */
@Name(ResponseClosedEvent.NAME)
@Label("Response Closed")
@Category({"Leakline", "HTTP"})
@Description("The body of an HTTP response was closed, by the application or by the client library")
@StackTrace(false)
public final class ResponseClosedEvent extends Event {
    public static final String NAME = "leakline.ResponseClosed";

    @Label("Response Id")
    @ResponseId
    public long responseId;

    @Label("Bytes Read")
    @DataAmount
    public long bytesRead;

    @Label("Drained")
    @Description("Whether the body had been read to its end before it was closed")
    public boolean drained;

    @Label("Closed By")
    @Description("application: the application closed the body; library: the client closed it itself")
    public String closedBy;
}
