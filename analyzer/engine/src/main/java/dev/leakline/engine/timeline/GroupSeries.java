package dev.leakline.engine.timeline;

import java.util.Objects;

/**
 * The three response series of one group (pool, or client and host).
 *
 * @param group the group's name as given in {@link ResponseSpan#group()}
 * @param outstanding responses opened and not yet drained or closed
 * @param connectionsHeld distinct connections with an outstanding response
 * @param leakedAccumulated responses opened so far whose final verdict is leaked
 */
public record GroupSeries(String group, Series outstanding, Series connectionsHeld, Series leakedAccumulated) {

    /** Requires all parts. */
    public GroupSeries {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(outstanding, "outstanding");
        Objects.requireNonNull(connectionsHeld, "connectionsHeld");
        Objects.requireNonNull(leakedAccumulated, "leakedAccumulated");
    }
}
