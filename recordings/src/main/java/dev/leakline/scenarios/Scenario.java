package dev.leakline.scenarios;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The named scenarios. Each runs in a JVM of its own, against a {@link LoopbackServer} in that JVM, and
 * returns a note for the truth file.
 */
public enum Scenario {
    /** The four cases of the Go lesson, 5 requests each, {@code /small}. */
    FOUR_CASES_SMALL {
        @Override
        String run(ClientCases client, Bookkeeping book) throws Exception {
            return fourCases(client, book, "/small");
        }
    },
    /** The four cases, {@code /large} (1 MiB bodies). */
    FOUR_CASES_LARGE {
        @Override
        String run(ClientCases client, Bookkeeping book) throws Exception {
            return fourCases(client, book, "/large");
        }
    },
    /** A new client per request, body read and closed, clients never closed. */
    CLIENT_PER_REQUEST {
        @Override
        boolean supports(ClientCases client) {
            return client.noClientPerRequest() == null;
        }

        @Override
        String run(ClientCases client, Bookkeeping book) throws Exception {
            Case c = book.newCase("client-per-request", Fate.READ_AND_CLOSED, "/small");
            client.clientPerRequest(c);
            book.finishCase(c.name());
            waitPastMinAge();
            return "5 requests, each on a client of its own, each body read to the end and closed; no client closed."
                    + " The scenario keeps the clients reachable to the end.";
        }
    },
    /** A new client per request, body read and closed, then the client closed. */
    CLIENT_PER_REQUEST_CLOSED {
        @Override
        boolean supports(ClientCases client) {
            return client.noClientPerRequest() == null;
        }

        @Override
        String run(ClientCases client, Bookkeeping book) throws Exception {
            Case c = book.newCase("client-per-request-closed", Fate.READ_AND_CLOSED, "/small");
            client.clientPerRequestClosed(c);
            collectDroppedThenFinish(book, c);
            waitPastMinAge();
            return "5 requests, each on a client of its own, each body read to the end and closed, then the client"
                    + (book.builtClients().stream().anyMatch(b -> b.dropped) ? " let go of and collected (System.gc)"
                    + " before the server's count: it has no close() on this JDK" : " closed") + ".";
        }
    },
    /**
     * Mixed traffic from several threads and three code paths for {@value #SERVICE_SECONDS_DEFAULT} s
     * (system property {@code leakline.service.seconds}); the reports path forgets to close 1 response in 50.
     * Where the client's pool is bounded, the leaks exhaust it and the traffic stops
     * {@value #POOL_DRY_MILLIS} ms after the first request that timed out waiting for a connection.
     */
    SERVICE {
        @Override
        String run(ClientCases client, Bookkeeping book) throws Exception {
            long seconds = Long.getLong("leakline.service.seconds", SERVICE_SECONDS_DEFAULT);
            long start = System.currentTimeMillis();
            // A bounded pool the leaks exhaust ends the traffic early: POOL_DRY_MILLIS after the first timeout.
            AtomicLong end = new AtomicLong(start + seconds * 1000);
            AtomicLong firstTimeout = new AtomicLong();
            AtomicInteger timeouts = new AtomicInteger();
            // A real service has a client per downstream; where the client names its pools, each code path
            // gets one, so the leaking path's pool fills while the others stay flat.
            boolean own = client.namesPools();
            Case orders = book.newCase("orders", Fate.READ_AND_CLOSED, "/small", own ? "orders" : null);
            Case catalog = book.newCase("catalog", Fate.READ_AND_CLOSED, "/large", own ? "catalog" : null);
            Case reports = book.newCase("reports", Fate.LATER, "/large", own ? "reports" : null);
            AtomicInteger reportCount = new AtomicInteger();
            List<Thread> workers = new ArrayList<>();
            List<Throwable> failures = new ArrayList<>();
            for (int w = 0; w < SERVICE_THREADS; w++) {
                int worker = w;
                Thread t = new Thread(() -> {
                    try {
                        for (int i = 0; System.currentTimeMillis() < end.get(); i++) {
                            try {
                                serviceRequest(client, (i + worker) % 10, orders, catalog, reports, reportCount);
                            } catch (Exception e) {
                                if (!client.isPoolTimeout(e)) {
                                    throw e;
                                }
                                timeouts.incrementAndGet();
                                long now = System.currentTimeMillis();
                                if (firstTimeout.compareAndSet(0, now)) {
                                    end.accumulateAndGet(now + POOL_DRY_MILLIS, Math::min);
                                }
                            }
                            Thread.sleep(SERVICE_PAUSE_MILLIS);
                        }
                    } catch (Throwable e) {
                        synchronized (failures) {
                            failures.add(e);
                        }
                    }
                }, "service-worker-" + w);
                t.start();
                workers.add(t);
            }
            for (Thread t : workers) {
                t.join();
            }
            if (!failures.isEmpty()) {
                throw new IllegalStateException("a service worker failed", failures.get(0));
            }
            book.finishCase(orders.name());
            book.finishCase(catalog.name());
            book.finishCase(reports.name());
            waitPastMinAge();
            long ran = Math.round((Math.min(end.get(), System.currentTimeMillis()) - start) / 1000.0);
            String text = ran + " s of traffic from " + SERVICE_THREADS + " threads " + (own
                    ? "on one client per code path, each with a pool named after its downstream (orders, catalog,"
                    + " reports)" : "on one shared client") + ": orders"
                    + " (/small) and catalog (/large) read and close every body; reports (/large) forgets 1 in 50"
                    + " (neither read nor closed), so leaks, each pinning a connection, accumulate over the run."
                    + " Each thread pauses " + SERVICE_PAUSE_MILLIS + " ms between requests.";
            if (client.boundedPool() == null) {
                return text;
            }
            if (firstTimeout.get() == 0) {
                return text + (own ? " The reports pool (" : " The pool (") + client.boundedPool()
                        + ") never ran dry in " + seconds + " s.";
            }
            String pool = own ? "The reports pool (" : "The pool (";
            return text + " " + pool + client.boundedPool() + ") ran dry "
                    + Math.round((firstTimeout.get() - start) / 1000.0) + " s in, once the leaked reports held"
                    + " every connection: from then on every " + (own ? "reports " : "")
                    + "request timed out waiting for a connection ("
                    + timeouts.get() + " timeouts, none of which reached the server or opened a response), and"
                    + " the traffic stopped " + POOL_DRY_MILLIS / 1000 + " s after the first timeout instead of"
                    + " running " + seconds + " s.";
        }
    },
    /**
     * A client whose pool holds 5 connections per route (clients with a bounded pool only): 5 responses
     * neither read nor closed, then a 6th request, which times out waiting for a connection.
     */
    POOL_EXHAUSTION {
        @Override
        boolean supports(ClientCases client) {
            return client.boundedPool() != null;
        }

        @Override
        String run(ClientCases client, Bookkeeping book) throws Exception {
            Case held = book.newCase("pool-exhaustion", Fate.NEITHER_READ_NOR_CLOSED, "/small");
            String failure = client.poolExhaustion(held);
            book.finishCase(held.name());
            waitPastMinAge();
            return "A client whose pool holds " + held.requests() + " connections per route: " + held.requests()
                    + " responses (/small) neither read nor closed, from one line, each holding a connection; then"
                    + " one more request, which never reached the server: " + failure + ".";
        }
    },
    /** Responses still being read, younger than the minimum age, when the recording is dumped. */
    IN_FLIGHT {
        @Override
        String run(ClientCases client, Bookkeeping book) throws Exception {
            Case leaked = book.newCase(Fate.NEITHER_READ_NOR_CLOSED, "/small");
            client.reports(leaked);
            client.reports(leaked);
            waitPastMinAge();
            Case slow = book.newCase("in-flight", Fate.LATER, "/slow");
            for (int i = 0; i < 3; i++) {
                Thread reader = new Thread(() -> {
                    try {
                        Opened o = client.orders(slow);
                        while (true) {
                            o.readSome(LoopbackServer.SLOW_CHUNK);
                        }
                    } catch (Exception e) {
                        // The JVM exits while we read: nothing to do.
                    }
                }, "slow-reader-" + i);
                reader.setDaemon(true);
                reader.start();
            }
            Thread.sleep(IN_FLIGHT_MILLIS);
            book.finishCase(leaked.name());
            book.finishCase(slow.name());
            return "2 responses neither read nor closed, older than the minimum age; then 3 responses from /slow"
                    + " (64 KiB at 5 KiB/s) still being read by 3 threads when the JVM exits and the recording is"
                    + " dumped, about " + IN_FLIGHT_MILLIS / 1000.0 + " s after they opened.";
        }
    },
    /** Responses left open longer than the minimum age, then closed: the analyzer's "recovered". */
    LATE_CLOSE {
        @Override
        String run(ClientCases client, Bookkeeping book) throws Exception {
            Case late = book.newCase("closed-late", Fate.LATER, "/small");
            List<Opened> open = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                open.add(client.orders(late));
            }
            Thread.sleep(LATE_CLOSE_MILLIS);
            for (Opened o : open) {
                o.close();
            }
            book.finishCase(late.name());
            return "3 responses (/small) opened on one shared client, left unread for " + LATE_CLOSE_MILLIS / 1000.0
                    + " s (longer than the minimum age), then closed unread: they held their connections that long"
                    + " but were finished before the recording ended.";
        }
    },
    /**
     * A recording with {@code maxage=}{@value #LOST_MAX_AGE_SECONDS}{@code s} whose first chunk is forced
     * out: responses opened in it and closed later appear as closes without opens.
     */
    LOST_CHUNKS {
        @Override
        String jfrOptions() {
            return ",maxage=" + LOST_MAX_AGE_SECONDS + "s";
        }

        @Override
        String run(ClientCases client, Bookkeeping book) throws Exception {
            Case early = book.newCase("closed-after-loss", Fate.LATER, "/small");
            List<Opened> earlyOnes = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                earlyOnes.add(client.orders(early));
            }
            Case lostLeak = book.newCase("leaked-before-loss", Fate.NEITHER_READ_NOR_CLOSED, "/small");
            client.reports(lostLeak);
            client.reports(lostLeak);
            // Starting and stopping a recording ends the current chunk; once that chunk is older than
            // maxage, the next rotation drops it, and with it the opens above.
            Chunks.rotate();
            book.lostBefore(System.currentTimeMillis());
            Thread.sleep((LOST_MAX_AGE_SECONDS + 2) * 1000L);
            Chunks.rotate();
            for (Opened o : earlyOnes) {
                o.close();
            }
            Case leaked = book.newCase(Fate.NEITHER_READ_NOR_CLOSED, "/small");
            Case clean = book.newCase(Fate.READ_AND_CLOSED, "/small");
            for (int i = 0; i < 3; i++) {
                client.reports(leaked);
                client.catalog(clean);
            }
            book.finishCase(early.name());
            book.finishCase(lostLeak.name());
            book.finishCase(leaked.name());
            book.finishCase(clean.name());
            waitPastMinAge();
            return "maxage=" + LOST_MAX_AGE_SECONDS + "s. 5 responses opened, then the chunk holding their opens was"
                    + " forced out (the scenario rotates chunks by starting and stopping a recording and waits past"
                    + " maxage); they are closed afterwards, so the recording holds their closes only (orphan). "
                    + book.whollyLost() + " responses opened before the loss and never closed left no event in the"
                    + " recording and are not listed. Then 3 leaked and 3 clean responses in the kept chunks.";
        }
    },
    /**
     * A new client per request whose {@code /large} body is neither read nor closed, then client and body
     * let go of and collected: does the abandoned body keep the client and its threads alive?
     */
    CLIENT_PER_REQUEST_ABANDONED {
        @Override
        boolean supports(ClientCases client) {
            return client.abandonedBodyKeepsClient() != null;
        }

        @Override
        String run(ClientCases client, Bookkeeping book) throws Exception {
            Case c = book.newCase("client-per-request-abandoned", Fate.ABANDONED, "/large");
            client.clientPerRequestAbandoned(c);
            collectDroppedThenFinish(book, c);
            return "5 requests, each on a client of its own, each /large body neither read nor closed; the scenario"
                    + " let go of each client and body and collected them (System.gc) before the server's count."
                    + (Boolean.TRUE.equals(client.abandonedBodyKeepsClient())
                            ? " The unfinished bodies keep their clients, and their selector threads, alive."
                            : " Collection ends the clients and their threads.");
        }
    };

    /** The analyzer's default minimum age, which the expected verdicts assume. */
    public static final long MIN_AGE_MILLIS = 5000;
    /** How long the service runs by default. */
    public static final long SERVICE_SECONDS_DEFAULT = 120;
    static final int SERVICE_THREADS = 4;
    static final long SERVICE_PAUSE_MILLIS = 200;
    static final long IN_FLIGHT_MILLIS = 1500;
    /** How long the service's traffic goes on after a bounded pool first ran dry. */
    static final long POOL_DRY_MILLIS = 5000;
    /** How long late-close leaves its responses open: past the minimum age, with room to spare. */
    static final long LATE_CLOSE_MILLIS = 7000;
    static final int LOST_MAX_AGE_SECONDS = 10;
    /** Leaked responses must be older than the minimum age at the dump, with room to spare. */
    static final long PAST_MIN_AGE_MILLIS = MIN_AGE_MILLIS + 1500;

    /** The scenario's name, as in file names: {@code four-cases-small}. */
    public String fileName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The scenario named {@code fileName}. */
    public static Scenario byFileName(String fileName) {
        for (Scenario s : values()) {
            if (s.fileName().equals(fileName)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown scenario " + fileName);
    }

    /** Options appended to {@code -XX:StartFlightRecording}, each starting with a comma. */
    String jfrOptions() {
        return "";
    }

    /** Whether the scenario makes sense for {@code client}. */
    boolean supports(ClientCases client) {
        return true;
    }

    /** Whether {@code client} has a recording of this scenario: the scenario supports it and the client records it. */
    public boolean recordedFor(ClientCases client) {
        return supports(client) && client.records(this);
    }

    /** Runs the scenario; returns the truth file's note. */
    abstract String run(ClientCases client, Bookkeeping book) throws Exception;

    private static String fourCases(ClientCases client, Bookkeeping book, String path) throws Exception {
        Case neither = book.newCase(Fate.NEITHER_READ_NOR_CLOSED, path);
        client.neitherReadNorClosed(neither);
        book.finishCase(neither.name());
        Case closed = book.newCase(Fate.CLOSED_UNREAD, path);
        client.closedUnread(closed);
        book.finishCase(closed.name());
        Case read = book.newCase(Fate.READ_TO_END, path);
        client.readToEnd(read);
        book.finishCase(read.name());
        Case both = book.newCase(Fate.READ_AND_CLOSED, path);
        client.readAndClosed(both);
        book.finishCase(both.name());
        waitPastMinAge();
        return "The four cases one after the other, each in its own method on a client of its own, 5 requests"
                + " each to " + path + "; connection counts sampled by the server as each case finished.";
    }

    /** One request of the service: {@code pick} 0 is catalog, 1 to 4 orders, 5 to 9 reports. */
    private static void serviceRequest(ClientCases client, int pick, Case orders, Case catalog, Case reports,
            AtomicInteger reportCount) throws Exception {
        if (pick == 0) {
            client.catalog(catalog);
        } else if (pick < 5) {
            client.orders(orders);
        } else {
            Opened report = client.reports(reports);
            // The bug: one report in 50 is neither read nor closed.
            if (reportCount.incrementAndGet() % 50 != 0) {
                report.readToEnd();
                report.close();
            }
        }
    }

    private static void waitPastMinAge() throws InterruptedException {
        Thread.sleep(PAST_MIN_AGE_MILLIS);
    }

    /**
     * Where clients were let go of rather than closed, collects them and gives their selector threads
     * time to notice before the server's count, so the count shows what collection did to the connections.
     */
    private static void collectDroppedThenFinish(Bookkeeping book, Case c) throws InterruptedException {
        if (book.builtClients().stream().anyMatch(b -> b.dropped)) {
            System.gc();
            Thread.sleep(500);
            System.gc();
            Thread.sleep(PAST_MIN_AGE_MILLIS);
        }
        book.finishCase(c.name());
    }
}
