package dev.leakline.jfr.internal;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** {@code leakline.ConnectionReleased}: a connection went back to its pool, or was closed instead. */
@Name(ConnectionReleasedEvent.NAME)
@Label("Connection Released")
@Category({"Leakline", "HTTP"})
@Description("A connection was returned to its pool for reuse, or closed instead")
@StackTrace(false)
public final class ConnectionReleasedEvent extends Event {
    public static final String NAME = "leakline.ConnectionReleased";

    @Label("Connection Id")
    @Description("Identifies the connection, as ResponseOpened names it; 0 when the client does not tell")
    @ConnectionId
    public long connectionId;

    @Label("Pool")
    @Description("The name of the pool the connection belongs to")
    public String pool;

    @Label("Outcome")
    @Description("pooled: kept for reuse; closed: the connection was closed")
    public String outcome;

    @Label("Response Id")
    @Description("The last response the connection carried, 0 when unknown")
    @ResponseId
    public long responseId;
}
