package dev.leakline.jfr.httpclient4;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.http.HttpClientConnection;

/**
 * The {@link Lease} of each connection currently leased from one manager, so that the response interceptor,
 * which only sees the connection (in the context), finds the lease the manager started. Weak keys: a
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
