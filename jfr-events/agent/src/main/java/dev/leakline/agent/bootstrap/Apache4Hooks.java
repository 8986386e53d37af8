package dev.leakline.agent.bootstrap;

/**
 * What the advice inlined into Apache HttpClient 4.5 calls. Apache's types are {@code Object} here: this
 * interface lives on the bootstrap class path, which cannot see them.
 */
public interface Apache4Hooks {
    /** {@code PoolingHttpClientConnectionManager.requestConnection(route, state)} was called. */
    void routeRequested(Object route);

    /** The pool handed out {@code connection} for the route requested last on this thread. */
    void leased(Object connection);

    /** {@code releaseConnection} starts: what {@link #released} needs, or null. */
    Object releasing(Object connection);

    /** {@code releaseConnection} returned. */
    void released(Object release);

    /** {@code ProtocolExec.execute} returned {@code response} on the calling thread. */
    void responseArrived(Object response, Object context);
}
