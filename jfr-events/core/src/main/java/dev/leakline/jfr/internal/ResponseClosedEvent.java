package dev.leakline.jfr.internal;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** {@code leakline.ResponseClosed}: the body was closed, read to its end or not. */
@Name(ResponseClosedEvent.NAME)
@Label("Response Closed")
@Category({"Leakline", "HTTP"})
@Description("The body of an HTTP response was closed, by the application or by the client library")
@StackTrace(false)
public final class ResponseClosedEvent extends Event {
    public static final String NAME = "leakline.ResponseClosed";

    @Label("Response Id")
    @Description("The response, as identified in its ResponseOpened")
    @ResponseId
    public long responseId;

    @Label("Bytes Read")
    @Description("The body bytes read so far, by the application or for it by the client")
    @DataAmount
    public long bytesRead;

    @Label("Drained")
    @Description("Whether the body had been read to its end before it was closed")
    public boolean drained;

    @Label("Closed By")
    @Description("application: the application closed the body; library: the client closed it itself")
    public String closedBy;

    // A field rather than a duration event from open to closed: the open and the closed happen on different
    // threads, often in different methods, and JFR's duration events are begun and committed by one object.
    @Label("Open For")
    @Description("How long the response had been open when it was closed")
    @Timespan(Timespan.NANOSECONDS)
    public long openFor;
}
