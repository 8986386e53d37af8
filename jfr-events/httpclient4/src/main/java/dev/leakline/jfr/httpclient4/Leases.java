package dev.leakline.jfr.httpclient4;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.http.HttpClientConnection;

/**
 * The {@link Lease} of each connection currently leased (one registry in the JVM, see {@link Apache4Tracking}),
 * so that the response tracking, which only sees the connection (in the context), finds the lease. Weak keys: a
 * connection the application abandons with its response is not kept alive by Leakline. Apache's connections
 * (the pool's per-lease proxies) do not override {@code equals}, so keys compare by identity.
 */
final class Leases {
    private final Map<HttpClientConnection, Lease> byConnection = Collections.synchronizedMap(new WeakHashMap<>());

    void put(HttpClientConnection connection, Lease lease) {
        byConnection.put(connection, lease);
    }

    Lease get(Object connection) {
        return connection instanceof HttpClientConnection ? byConnection.get(connection) : null;
    }

    Lease remove(HttpClientConnection connection) {
        return byConnection.remove(connection);
    }
}
