package dev.leakline.scenarios.clients;

import dev.leakline.jfr.okhttp.LeaklineOkHttp;
import dev.leakline.scenarios.Case;
import dev.leakline.scenarios.ClientCases;
import dev.leakline.scenarios.Opened;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * The scenarios on OkHttp 4, instrumented with {@link LeaklineOkHttp}, each request a synchronous
 * {@code execute()}, its body taken as {@code body().byteStream()}; closing that stream closes the body.
 *
 * <p>OkHttp's pool does not bound synchronous calls (its dispatcher's limits apply to {@code enqueue} only),
 * so leaks accumulate without exhausting anything, as with the JDK clients. No thread belongs to a client
 * object: the connection pools' cleanup runs on OkHttp's JVM-wide {@code OkHttp TaskRunner} thread, which
 * ends by itself after a minute idle, so whether it is alive at the dump is a matter of timing and it is not
 * listed; synchronous calls start no dispatcher thread. In the service scenario each code path has a client
 * (and connection pool) of its own, its pool named after its downstream.
 */
public final class OkHttpCases implements ClientCases {
    private OkHttpClient shared;
    /** The service's clients, one per downstream, by pool name. */
    private final Map<String, OkHttpClient> perDownstream = new HashMap<>();

    @Override
    public String client() {
        return LeaklineOkHttp.CLIENT;
    }

    @Override
    public String folder() {
        return "okhttp";
    }

    /** An instrumented builder with a connection pool of its own; {@code build()} is called on the case's line. */
    private static OkHttpClient.Builder builder() {
        return LeaklineOkHttp.instrument(new OkHttpClient.Builder());
    }

    private static Request get(Case c) {
        return new Request.Builder().url(c.url()).build();
    }

    @Override
    public void neitherReadNorClosed(Case c) throws Exception {
        OkHttpClient client = c.built(builder().build());
        for (int i = 0; i < c.requests(); i++) {
            c.opened(client.newCall(get(c)).execute().body().byteStream());
        }
    }

    @Override
    public void closedUnread(Case c) throws Exception {
        OkHttpClient client = c.built(builder().build());
        for (int i = 0; i < c.requests(); i++) {
            c.opened(client.newCall(get(c)).execute().body().byteStream());
        }
    }

    @Override
    public void readToEnd(Case c) throws Exception {
        OkHttpClient client = c.built(builder().build());
        for (int i = 0; i < c.requests(); i++) {
            c.opened(client.newCall(get(c)).execute().body().byteStream());
        }
    }

    @Override
    public void readAndClosed(Case c) throws Exception {
        OkHttpClient client = c.built(builder().build());
        for (int i = 0; i < c.requests(); i++) {
            c.opened(client.newCall(get(c)).execute().body().byteStream());
        }
    }

    @Override
    public void clientPerRequest(Case c) throws Exception {
        for (int i = 0; i < c.requests(); i++) {
            OkHttpClient client = c.built(builder().build());
            c.opened(client.newCall(get(c)).execute().body().byteStream());
        }
    }

    @Override
    public void clientPerRequestClosed(Case c) throws Exception {
        for (int i = 0; i < c.requests(); i++) {
            OkHttpClient client = c.built(builder().build());
            c.opened(client.newCall(get(c)).execute().body().byteStream());
            // OkHttp has no close(): its documented shutdown is stopping the dispatcher and evicting the pool.
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
            c.closedClient(client);
        }
    }

    /** The shared client, or the client of the case's downstream (its pool named after it) when it names one. */
    private synchronized OkHttpClient shared(Case c) {
        if (c.pool() != null) {
            OkHttpClient own = perDownstream.get(c.pool());
            if (own == null) {
                own = c.built(LeaklineOkHttp.instrument(new OkHttpClient.Builder(), c.pool()).build());
                perDownstream.put(c.pool(), own);
            }
            return own;
        }
        if (shared == null) {
            shared = c.built(builder().build());
        }
        return shared;
    }

    @Override
    public boolean namesPools() {
        return true;
    }

    @Override
    public Opened orders(Case c) throws Exception {
        return c.opened(shared(c).newCall(get(c)).execute().body().byteStream());
    }

    @Override
    public Opened catalog(Case c) throws Exception {
        return c.opened(shared(c).newCall(get(c)).execute().body().byteStream());
    }

    @Override
    public Opened reports(Case c) throws Exception {
        return c.opened(shared(c).newCall(get(c)).execute().body().byteStream());
    }

    @Override
    public List<String> threadsPerHeldClient() {
        return List.of();
    }

    @Override
    public String vsGo() {
        return "closing an unread body makes OkHttp read the rest (for up to 100 ms; enough here even for the"
                + " 1 MiB body on loopback) and pool the connection, so closed-unread reuses one connection"
                + " where Go closes each. Reading to the end gives the connection back without a close, as in"
                + " Go. Synchronous calls have no pool limit, so leaks pile up without exhausting anything, as"
                + " with Go's default transport.";
    }
}
