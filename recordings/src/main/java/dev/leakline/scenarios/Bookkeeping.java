package dev.leakline.scenarios;

import dev.leakline.scenarios.truth.CaseTruth;
import dev.leakline.scenarios.truth.ClientTruth;
import dev.leakline.scenarios.truth.ConnectionUse;
import dev.leakline.scenarios.truth.ResponseTruth;
import dev.leakline.scenarios.truth.Verdict;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything one scenario run did: responses opened and their fate, clients built and closed, and the
 * server's view of each case's connections. Thread-safe (the service scenario writes from several
 * threads).
 */
public final class Bookkeeping {
    /** Time for the server to see a close the client made as a case ended. */
    private static final long SETTLE_MILLIS = 300;

    private final LoopbackServer server;
    private final List<Opened> responses = new ArrayList<>();
    private final List<Built> clients = new ArrayList<>();
    private final List<CaseTruth> cases = new ArrayList<>();
    private volatile long lostBeforeMillis = Long.MIN_VALUE;

    Bookkeeping(LoopbackServer server) {
        this.server = server;
    }

    LoopbackServer server() {
        return server;
    }

    /** A new case calling {@code path}. */
    public Case newCase(String name, Fate fate, String path) {
        return new Case(name, fate, path, this, null);
    }

    /** A new case calling {@code path} on the client of its own downstream, whose pool is named {@code pool}. */
    public Case newCase(String name, Fate fate, String path, String pool) {
        return new Case(name, fate, path, this, pool);
    }

    /** A case named after its fate. */
    public Case newCase(Fate fate, String path) {
        return newCase(fate.caseName(), fate, path);
    }

    /** Waits for the server to see the case's closes, then notes its connection counts. */
    public void finishCase(String name) throws InterruptedException {
        Thread.sleep(SETTLE_MILLIS);
        LoopbackServer.ConnectionCount count = server.connections(name);
        synchronized (this) {
            cases.add(new CaseTruth(name, count.requests(), count.connections(), count.closedByClient(),
                    ConnectionUse.label(count.requests(), count.connections(), count.closedByClient())));
        }
    }

    /**
     * Marks everything opened before {@code millis} as opened in a chunk the recording no longer holds
     * (the lost-chunks scenario, which knows when it forced the chunk out).
     */
    void lostBefore(long millis) {
        lostBeforeMillis = millis;
    }

    synchronized Opened opened(String caseName, String site, String method, String path, String pool,
            InputStream body) {
        Opened opened = new Opened(caseName, site, method, path, pool, System.currentTimeMillis(), body);
        responses.add(opened);
        return opened;
    }

    synchronized void built(Object client, String site) {
        clients.add(new Built(client, site));
    }

    synchronized void clientClosed(Object client, boolean dropped, boolean withAbandonedBody) {
        for (Built b : clients) {
            if (b.client == client) {
                b.closed = !dropped;
                b.dropped = dropped;
                b.abandonedBody = withAbandonedBody;
                b.client = null; // let it go, so a dropped client can be collected
                return;
            }
        }
        throw new IllegalArgumentException("not a client this run built: " + client);
    }

    /** Clients built, in order, with whether each is still held (neither closed nor dropped). */
    synchronized List<Built> builtClients() {
        return List.copyOf(clients);
    }

    synchronized List<ClientTruth> clientTruth() {
        List<ClientTruth> out = new ArrayList<>();
        for (Built b : clients) {
            out.add(new ClientTruth(b.site, b.closed));
        }
        return out;
    }

    synchronized List<CaseTruth> caseTruth() {
        return List.copyOf(cases);
    }

    /** The truth of every response the recording holds, given when it ends. */
    synchronized List<ResponseTruth> responseTruth(long endMillis, long minAgeMillis) {
        List<ResponseTruth> out = new ArrayList<>();
        for (Opened o : responses) {
            boolean lost = o.openedAtMillis() < lostBeforeMillis;
            String expected;
            if (lost) {
                if (!o.isClosed() || o.closedAtMillis() < lostBeforeMillis) {
                    continue; // nothing of it is in the recording
                }
                expected = Verdict.ORPHAN;
            } else {
                long finished = o.isClosed() ? o.closedAtMillis() : o.openedAtMillis();
                expected = Verdict.of(o.isReadToEnd(), o.isClosed(), o.openedAtMillis(), finished, endMillis,
                        minAgeMillis);
            }
            out.add(new ResponseTruth(o.caseName(), o.site(), o.method(), o.path(), o.openedAtMillis(),
                    o.isReadToEnd(), o.isClosed(), o.isClosed() ? o.closedAtMillis() : null, expected, o.pool()));
        }
        return out;
    }

    /** Number of responses opened before the lost boundary whose every event is gone. */
    synchronized int whollyLost() {
        int n = 0;
        for (Opened o : responses) {
            if (o.openedAtMillis() < lostBeforeMillis && (!o.isClosed() || o.closedAtMillis() < lostBeforeMillis)) {
                n++;
            }
        }
        return n;
    }

    /** A client built by the scenario. */
    static final class Built {
        final String site;
        Object client;
        boolean closed;
        boolean dropped;
        /** Let go of while a response it returned was neither read nor closed. */
        boolean abandonedBody;

        Built(Object client, String site) {
            this.client = client;
            this.site = site;
        }

        /** Neither closed nor dropped: the scenario still holds it. */
        boolean held() {
            return !closed && !dropped;
        }
    }
}
