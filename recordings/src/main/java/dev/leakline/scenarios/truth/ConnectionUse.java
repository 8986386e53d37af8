package dev.leakline.scenarios.truth;

/** Names what a client did with its connections in one case, from the server's counts. */
public final class ConnectionUse {
    private ConnectionUse() {
    }

    /**
     * {@code reused} when fewer connections than requests and none closed, {@code held} when as many
     * connections as requests and none closed (each still open: pinned by an unfinished body, or idle in
     * a pool), {@code closed} when the client closed every connection, {@code closed K, held L}
     * otherwise; the last two prefixed with {@code reused, } when there were fewer connections than
     * requests.
     */
    public static String label(int requests, int connections, int closedByClient) {
        if (connections == 0) {
            return "none";
        }
        boolean reused = connections < requests;
        if (closedByClient == 0) {
            return reused ? "reused" : "held";
        }
        String base = closedByClient == connections ? "closed"
                : "closed " + closedByClient + ", held " + (connections - closedByClient);
        return reused ? "reused, " + base : base;
    }
}
