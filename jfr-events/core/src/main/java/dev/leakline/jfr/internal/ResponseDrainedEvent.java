package dev.leakline.jfr.internal;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** {@code leakline.ResponseDrained}: the body was read to its end. */
@Name(ResponseDrainedEvent.NAME)
@Label("Response Drained")
@Category({"Leakline", "HTTP"})
@Description("The body of an HTTP response was read to its end")
@StackTrace(false)
public final class ResponseDrainedEvent extends Event {
    public static final String NAME = "leakline.ResponseDrained";

    @Label("Response Id")
    @Description("The response, as identified in its ResponseOpened")
    @ResponseId
    public long responseId;

    @Label("Bytes Read")
    @Description("The body bytes read so far, by the application or for it by the client")
    @DataAmount
    public long bytesRead;

    @Label("Drained By")
    @Description("application: the application read to the end; library: the client read the whole body for it")
    public String drainedBy;

    // A field rather than a duration event from open to drained: the open and the drained happen on different
    // threads, often in different methods, and JFR's duration events are begun and committed by one object.
    @Label("Open For")
    @Description("How long the response had been open when it was drained")
    @Timespan(Timespan.NANOSECONDS)
    public long openFor;
}
