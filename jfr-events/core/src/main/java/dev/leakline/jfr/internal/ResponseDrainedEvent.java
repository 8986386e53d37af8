package dev.leakline.jfr.internal;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** {@code leakline.ResponseDrained}: the body was read to its end. */
@Name(ResponseDrainedEvent.NAME)
@Label("Response Drained")
@Category({"Leakline", "HTTP"})
@Description("The body of an HTTP response was read to its end")
@StackTrace(false)
public final class ResponseDrainedEvent extends Event {
    public static final String NAME = "leakline.ResponseDrained";

    @Label("Response Id")
    @ResponseId
    public long responseId;

    @Label("Bytes Read")
    @DataAmount
    public long bytesRead;

    @Label("Drained By")
    @Description("application: the application read to the end; library: the client read the whole body for it")
    public String drainedBy;
}
