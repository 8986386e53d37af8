package dev.leakline.scenarios;

import java.util.List;

/**
 * The scenario code for one client library: the only part of the scenario program that knows the
 * client's API. Adding a client is writing one implementation and listing it in {@link Clients}.
 *
 * <p>Each method is a distinct call site, so each case has its own line in the recorded stack traces
 * (the leak site the analyzer reports). Every request is written on one line with the bookkeeping call,
 * {@code c.opened(client.send(...).body())}, so the line the scenario notes is the line in the stack
 * trace. The four case methods build their own client and send {@link Case#requests()} requests.
 */
public interface ClientCases {
    /** The client as its adapter names it in {@code leakline.ResponseOpened}, for example {@code java.net.http}. */
    String client();

    /** The folder name of this client's recordings, for example {@code java-net-http}. */
    String folder();

    /** Body neither read nor closed. */
    void neitherReadNorClosed(Case c) throws Exception;

    /** Body closed unread. */
    void closedUnread(Case c) throws Exception;

    /** Body read to the end, not closed. */
    void readToEnd(Case c) throws Exception;

    /** Body read to the end and closed. */
    void readAndClosed(Case c) throws Exception;

    /**
     * Why this client has no client-per-request scenarios, or null when it has them. A client library
     * without a client object (HttpURLConnection) has nothing to build per request.
     */
    default String noClientPerRequest() {
        return null;
    }

    /** A new client per request, body read and closed, the client never closed. */
    default void clientPerRequest(Case c) throws Exception {
        throw new UnsupportedOperationException(noClientPerRequest());
    }

    /** A new client per request, body read and closed, then the client closed (or let go where it has no close). */
    default void clientPerRequestClosed(Case c) throws Exception {
        throw new UnsupportedOperationException(noClientPerRequest());
    }

    /**
     * A new client per request, body neither read nor closed, then client and body let go of (not
     * closed). Only called when {@link #abandonedBodyKeepsClient()} is not null.
     */
    default void clientPerRequestAbandoned(Case c) throws Exception {
        throw new UnsupportedOperationException("no abandoned-client scenario for " + client());
    }

    /**
     * Whether a body that is neither read nor closed keeps its client, and the client's threads, alive
     * after the application let go of both and they were collected; null when this client has no
     * abandoned-client scenario.
     */
    default Boolean abandonedBodyKeepsClient() {
        return null;
    }

    /**
     * Whether the client's adapter records a pool name: then the service scenario gives each code path a
     * client and pool of its own, named after its downstream ({@link Case#pool()}), as a real service has
     * one client per downstream. Clients without a pool concept (the JDK's) share one client.
     */
    default boolean namesPools() {
        return false;
    }

    /**
     * The service's first code path: one request on the shared client, or on the client of the case's
     * downstream when the case names a pool ({@link Case#pool()}).
     */
    Opened orders(Case c) throws Exception;

    /** The service's second code path. */
    Opened catalog(Case c) throws Exception;

    /** The service's third code path (the one that forgets to close, in the service scenario). */
    Opened reports(Case c) throws Exception;

    /**
     * The client threads each built client keeps alive while it is held (neither closed nor collected),
     * as name patterns with digits folded to {@code #}; empty when the client starts no thread of its own.
     */
    List<String> threadsPerHeldClient();

    /**
     * The service's shared client's pool when it is bounded (as the truth notes describe it: "8 connections
     * per route, 500 ms connection request timeout"), or null when the client's pool has no bound a leak can
     * exhaust. Clients with a bounded pool also run the pool-exhaustion scenario.
     */
    default String boundedPool() {
        return null;
    }

    /**
     * Whether {@code e}, thrown by a request, is the client's "no connection free in the pool" failure: the
     * service scenario counts those (a leaking path exhausts a bounded pool) instead of failing.
     */
    default boolean isPoolTimeout(Throwable e) {
        return false;
    }

    /**
     * The pool-exhaustion scenario, only called when {@link #boundedPool()} is not null: on a client of its
     * own whose pool holds {@link Case#requests()} connections per route, sends that many requests whose
     * responses the case leaves open, then one more, which must fail waiting for a connection.
     *
     * @return the failure of the last request, as the truth notes describe it
     */
    default String poolExhaustion(Case c) throws Exception {
        throw new UnsupportedOperationException("no bounded pool in " + client());
    }

    /**
     * How this client's behaviour differs from Go's net/http in the lesson, in a sentence or two for the
     * README (the table's last column gives the counts), or null to say nothing more than the table.
     */
    default String vsGo() {
        return null;
    }

    /**
     * Whether the client is part of the JDK, so that its behaviour can change with the JDK: only such
     * clients are recorded on JDK 25 as well.
     */
    default boolean partOfTheJdk() {
        return false;
    }

    /**
     * Whether the scenario code for this client has no Leakline call at all and is recorded under
     * {@code -javaagent:leakline-agent.jar} ({@link Regenerate}'s {@code --agent}), which instruments it.
     */
    default boolean underAgent() {
        return false;
    }

    /** Whether this client is recorded in {@code scenario} (beyond what the scenario itself requires). */
    default boolean records(Scenario scenario) {
        return true;
    }

    /** The README's name for this client's recordings; by default {@link #client()}. */
    default String title() {
        return client();
    }

    /**
     * Client threads alive at the end that belong to no client object (HttpURLConnection's keep-alive
     * threads), given what the run did; the scenario checks them against the live JVM before writing.
     */
    default List<String> sharedThreadsAtEnd(String scenario) {
        return List.of();
    }

}
