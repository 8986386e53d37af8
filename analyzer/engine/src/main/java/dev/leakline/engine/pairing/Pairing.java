package dev.leakline.engine.pairing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

import dev.leakline.engine.event.Frame;
import dev.leakline.engine.event.JvmRun;
import dev.leakline.engine.event.RecordedEvent;
import dev.leakline.engine.event.RecordedEvent.ConnectionReleased;
import dev.leakline.engine.event.RecordedEvent.RequestStarted;
import dev.leakline.engine.event.RecordedEvent.ResponseClosed;
import dev.leakline.engine.event.RecordedEvent.ResponseDrained;
import dev.leakline.engine.event.RecordedEvent.ResponseOpened;

/**
 * Pairs the open, drain and close of each response by (JVM run, response id), whatever order the events come in: a
 * close may be read before its open (JFR buffers events per thread, and chunks are parsed in parallel).
 *
 * <p>A response whose open, drain and close have all arrived, finished within the minimum age, is clean and final;
 * it is folded into a count right away so memory grows with open and problem responses, not with traffic.
 *
 * <p>An asynchronous request's {@code leakline.RequestStarted} shares its response's id: when there is one, the
 * response's stack and thread are the start's (the application's line), not the open's (a client thread). A start may
 * come before or after the other events in the file; one that comes after its response was folded moves that count
 * to its own stack, and a start whose request never got a response waits (bounded) and is then dropped.
 */
public final class Pairing {
    private static final int RECENT_FOLDED = 1 << 16;
    private static final int RELEASES_PER_CONNECTION = 32;
    /** At most this many releases wait for their response; see {@link #earlyReleases}. */
    static final int EARLY_RELEASES = 1 << 16;
    /**
     * Every this many new lifecycles, those that have had only their open since the sweep before move to
     * {@link #openOnly}. A response that finishes normally is folded within a few events of its open, long before; what
     * stays open over a whole period is mostly a leak or a slow read, and a slow read that finishes later is taken
     * back out.
     */
    private static final int SWEEP_EVERY = 1 << 14;

    private final long minAgeNanos;
    private final boolean foldClean;
    private final int sweepEvery;
    /** The responses being paired, each marked with the sweep period ({@link #generation}) it came in. */
    private final RunIdMap<Lifecycle> lifecycles = new RunIdMap<>();
    /** Per connection: responses opened, releases pooled and closed, its pool. */
    private final ConnectionTable connections = new ConnectionTable();
    /** Responses that have had only their open for a while, in columns: what a million leaks cost is mostly here. */
    private final OpenOnlyStore openOnly = new OpenOnlyStore(connections);

    private int generation;
    private int newSinceSweep;
    /**
     * Releases that came before any other event of their response (file order is not time order), oldest first. Most
     * are paired soon: a release is written after its response's close, so it comes first in the file only while
     * that response's events wait in another thread's unflushed JFR buffer, a few hundred events per thread. What
     * stays is the release of a response folded more than {@link #RECENT_FOLDED} folds ago or never seen (opened
     * before the recording, or in a lost chunk); without a bound those grow with traffic. The cap is safe because a
     * release never changes a verdict: an evicted one only leaves its response's pool and connection fate unknown.
     */
    private final Map<Key, ConnectionReleased> earlyReleases = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, ConnectionReleased> eldest) {
            if (size() <= EARLY_RELEASES) {
                return false;
            }
            droppedReleases++;
            return true;
        }
    };
    private long droppedReleases;
    private long duplicateOpens;
    /**
     * Starts that came before any other event of their response, oldest first: most find their open within the chunk;
     * what stays is the start of a request that failed before its response (no open ever comes), so the map is
     * bounded like {@link #earlyReleases}. An evicted start only leaves its response with the open's stack.
     */
    private final Map<Key, RequestStarted> earlyStarts = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, RequestStarted> eldest) {
            return size() > EARLY_RELEASES;
        }
    };
    /**
     * Recently folded responses with the clean group each went to: their release (which follows the close) is dropped,
     * not kept, and a start read after the fold moves the count to the start's stack.
     */
    private final RecentlyFolded<CleanCounts.Group> recentlyFolded = new RecentlyFolded<>(RECENT_FOLDED);
    /** The last releases of each connection that did not name their response. */
    private final Map<Key, java.util.ArrayDeque<ConnectionReleased>> releasesByConnection = new HashMap<>();
    /** The clean responses, counted by group. */
    private final CleanCounts clean = new CleanCounts();
    private SpanListener spanListener;

    /** @param minAge how long a response may stay open before it counts as leaked (or, if it finished, recovered) */
    public Pairing(Duration minAge) {
        this(minAge, true);
    }

    /**
     * @param minAge    as above
     * @param foldClean fold clean responses into counts as soon as they are final (false keeps each one, with its
     *                  times, for a timeline)
     */
    public Pairing(Duration minAge, boolean foldClean) {
        this(minAge, foldClean, SWEEP_EVERY);
    }

    /** As above, sweeping to {@link #openOnly} every {@code sweepEvery} new lifecycles (tests sweep often). */
    Pairing(Duration minAge, boolean foldClean, int sweepEvery) {
        this.minAgeNanos = minAge.toNanos();
        this.foldClean = foldClean;
        this.sweepEvery = sweepEvery;
    }

    /**
     * Told, as events are read, when each response starts and stops being outstanding: a timeline computed while
     * reading ({@code TimelineAccumulator}) sweeps these changes in time order and so needs every response, whatever
     * its verdict, not only those folded clean (nothing else keeps the times of those).
     */
    public interface SpanListener {
        /**
         * A response was opened: outstanding from its open on.
         *
         * @param pool       the pool its open names, null when it names none (charted under its client and host, named
         *                   after the host's only pool at the end); the same value is given to {@link #finished}
         * @param connection its connection's number (slot) among the pairing's connections, -1 when the open names
         *                   none: dense from 0 and never reused within a pairing, so a listener can keep a value per
         *                   connection in an array instead of a map by id; the same value is given to
         *                   {@link #finished}
         */
        void opened(ResponseOpened opened, String pool, int connection);

        /**
         * The response stopped being outstanding: its first drain or close was read (told once per response).
         *
         * @param finishedNanos when: that drain's or close's time, never before the open
         */
        void finished(ResponseOpened opened, String pool, int connection, long finishedNanos);

        /**
         * A drain or close earlier than the one told to {@link #finished} was read (two threads' events are not
         * always read in time order): the response finished at {@code finishedNanos}, not {@code wasNanos}.
         */
        void finishedEarlier(ResponseOpened opened, String pool, int connection, long wasNanos, long finishedNanos);

        /**
         * A response charted without a pool was folded clean once its pool was known (its connection's release): the
         * pool is its host's, should the host have no other.
         */
        void pooled(ResponseOpened opened, String pool);
    }

    /** Sets who is told about each response's span (one listener; null for none). */
    public void onSpan(SpanListener listener) {
        this.spanListener = listener;
    }

    /** Takes one event; events of other kinds are ignored. */
    public void accept(RecordedEvent event) {
        if (newSinceSweep >= sweepEvery) {
            storeOpenOnly();
        }
        if (event instanceof RequestStarted started) {
            start(started);
        } else if (event instanceof ResponseOpened opened) {
            JvmRun run = opened.run();
            long id = opened.responseId();
            Lifecycle existing = lifecycle(run, id);
            if (existing.opened != null || recentlyFolded.contains(run, id)) {
                // Ids are unique within a JVM run: a second open means two JVMs were counted as one run.
                duplicateOpens++;
            }
            existing.opened = opened;
            existing.connection = opened.connectionId() == 0 ? -1
                    : connections.opened(opened.run(), opened.connectionId());
            if (spanListener != null && !existing.charted) {
                existing.charted = true;
                // The open's own pool, not one learnt from a release read earlier: every response of a host whose
                // opens name no pool goes to one group, whatever was read before it.
                existing.chartedPool = opened.pool();
                spanListener.opened(opened, existing.chartedPool, existing.connection);
                chartFinish(existing);
            }
            settle(run, id, existing);
        } else if (event instanceof ResponseDrained drained) {
            JvmRun run = drained.run();
            long id = drained.responseId();
            if (recentlyFolded.contains(run, id)) {
                return; // a second drain of a response already judged clean
            }
            Lifecycle life = lifecycle(run, id);
            if (life.drained == null || drained.timeNanos() < life.drained.timeNanos()) {
                life.drained = drained;
            }
            chartFinish(life);
            settle(run, id, life);
        } else if (event instanceof ResponseClosed closed) {
            JvmRun run = closed.run();
            long id = closed.responseId();
            if (recentlyFolded.contains(run, id)) {
                return; // a second close of a response already judged clean (a close called twice, say)
            }
            Lifecycle life = lifecycle(run, id);
            if (life.closed == null || closed.timeNanos() < life.closed.timeNanos()) {
                life.closed = closed;
            }
            chartFinish(life);
            settle(run, id, life);
        } else if (event instanceof ConnectionReleased released) {
            JvmRun run = released.run();
            if (released.connectionId() != 0) {
                connections.released(released.run(), released.connectionId(), released.pool(),
                        "closed".equals(released.outcome()));
            }
            long id = released.responseId();
            if (id != 0) {
                Lifecycle life = existing(run, id);
                if (life != null) {
                    if (life.release == null) {
                        life.release = released;
                    }
                } else if (!recentlyFolded.contains(run, id)) {
                    earlyReleases.putIfAbsent(new Key(run, id), released);
                }
            } else if (released.connectionId() != 0) {
                java.util.ArrayDeque<ConnectionReleased> last = releasesByConnection.computeIfAbsent(
                        new Key(run, released.connectionId()),
                        k -> new java.util.ArrayDeque<>());
                last.addLast(released);
                if (last.size() > RELEASES_PER_CONNECTION) {
                    last.removeFirst();
                }
            }
        }
    }

    private void start(RequestStarted started) {
        JvmRun run = started.run();
        long id = started.responseId();
        Lifecycle life = existing(run, id);
        if (life != null) {
            if (life.started == null) {
                life.started = started;
            }
            return;
        }
        CleanCounts.Group folded = recentlyFolded.get(run, id);
        if (folded != null) {
            // Folded on the open's stack before the start was read: the count belongs to the start's stack.
            CleanCounts.Group moved = clean.move(folded, started.stack(), started.threadName());
            if (moved != folded) {
                recentlyFolded.put(run, id, moved);
            }
            return;
        }
        earlyStarts.putIfAbsent(new Key(run, id), started);
    }

    /**
     * How many releases were dropped while waiting for a response that had not appeared (the oldest go first once
     * {@link #EARLY_RELEASES} wait). A dropped release changes no verdict; its response, should it still come, shows
     * no pool or connection fate.
     */
    public long droppedReleases() {
        return droppedReleases;
    }

    /**
     * How many responses were opened a second time under an id already opened in the same run. Response ids are
     * unique within a JVM run, so any means the reader counted two JVMs as one run (recordings that do not name their
     * JVM and whose JVMs started too close together to be told apart): their pairing may be wrong.
     */
    public long duplicateOpens() {
        return duplicateOpens;
    }

    /** How many responses are kept in columns now ({@link OpenOnlyStore}). */
    int openOnlyCount() {
        return openOnly.size();
    }

    /** How many releases wait for their response now; never more than {@link #EARLY_RELEASES}. */
    int waitingReleases() {
        return earlyReleases.size();
    }

    private Lifecycle lifecycle(JvmRun run, long id) {
        Lifecycle life = existing(run, id);
        if (life == null) {
            life = new Lifecycle();
            newSinceSweep++;
            // Both maps are empty in the usual file (a response's events in order), so no key is made then.
            life.release = earlyReleases.isEmpty() ? null : earlyReleases.remove(new Key(run, id));
            life.started = earlyStarts.isEmpty() ? null : earlyStarts.remove(new Key(run, id));
            lifecycles.putNew(run, id, life, generation);
        }
        return life;
    }

    /** The response's lifecycle if any event of it was read, taken back out of {@link #openOnly} if it is there. */
    private Lifecycle existing(JvmRun run, long id) {
        Lifecycle life = lifecycles.get(run, id);
        if (life == null && openOnly.size() > 0) {
            int slot = openOnly.find(run, id);
            if (slot >= 0) {
                life = stored(slot);
                openOnly.remove(slot);
                lifecycles.putNew(run, id, life, generation);
            }
        }
        return life;
    }

    /** The lifecycle of the response stored in {@code slot}, as it was when it went there (its open and start). */
    private Lifecycle stored(int slot) {
        Lifecycle life = new Lifecycle();
        life.opened = openOnly.open(slot);
        life.connection = openOnly.connection(slot);
        life.started = openOnly.started(slot);
        life.charted = openOnly.charted(slot);
        life.chartedPool = life.charted ? life.opened.pool() : null;
        return life;
    }

    /**
     * Moves to {@link #openOnly} every lifecycle that has had only its open (and start) since the sweep before this
     * one. A lifecycle a sweep keeps is not looked at again: it has had more than its open, and events are only ever
     * added to it, or its open cannot be stored (a redirect, a URI too long), which stays so.
     */
    private void storeOpenOnly() {
        newSinceSweep = 0;
        int before = generation++;
        lifecycles.sweep(before, life -> life.onlyOpened() && openOnly.add(life.opened, life.started, life.charted));
    }

    private void settle(JvmRun run, long id, Lifecycle life) {
        if (foldClean && life.opened != null && life.drained != null && life.closed != null && life.readToEnd()
                && life.finishedNanos() - life.opened.timeNanos() <= minAgeNanos) {
            lifecycles.remove(run, id);
            recentlyFolded.put(run, id, clean.add(life.opened.client(), life.stack(), life.threadName()));
            if (spanListener != null && life.charted && life.chartedPool == null) {
                String pool = poolNow(run, life);
                if (pool != null) {
                    spanListener.pooled(life.opened, pool);
                }
            }
        }
    }

    /** Tells the span listener that a charted response finished, the first time its drain or close is known. */
    private void chartFinish(Lifecycle life) {
        if (!life.charted || life.finishedNanos() == Long.MAX_VALUE) {
            return;
        }
        long finished = Math.max(life.finishedNanos(), life.opened.timeNanos());
        if (!life.finishCharted) {
            life.finishCharted = true;
            life.chartedFinish = finished;
            spanListener.finished(life.opened, life.chartedPool, life.connection, finished);
        } else if (finished < life.chartedFinish) {
            spanListener.finishedEarlier(life.opened, life.chartedPool, life.connection, life.chartedFinish,
                    finished);
            life.chartedFinish = finished;
        }
    }

    private String poolNow(JvmRun run, Lifecycle life) {
        if (life.opened.pool() != null) {
            return life.opened.pool();
        }
        if (life.release != null && life.release.pool() != null) {
            return life.release.pool();
        }
        return life.opened.connectionId() == 0 ? null
                : connections.pool(run, life.opened.connectionId());
    }

    /**
     * Gives every response its verdict. Call once: the pairing lets go of each response as it judges it.
     *
     * @param endNanos when each run's recording ends (the end of its last chunk); responses of a run with no end are
     *                 judged at their own last event
     * @param losses   windows where events may be missing
     */
    public PairingResult finish(Map<JvmRun, Long> endNanos, List<LossWindow> losses) {
        return judgeAll(endNanos, losses, true);
    }

    /**
     * Judges every lifecycle; {@code consume} lets each go once judged (finish), else keeps them (snapshot). The
     * responses in {@link #openOnly} are judged on demand by the list returned (a million of them judged at once would
     * not fit where the columns do); a snapshot judges them all now, as it keeps no list.
     */
    private PairingResult judgeAll(Map<JvmRun, Long> endNanos, List<LossWindow> losses, boolean consume) {
        List<Response> responses = new ArrayList<>();
        List<Orphan> orphans = new ArrayList<>();
        RunIdMap.Entries<Lifecycle> judgeOne = (run, id, life) -> {
            if (life.opened == null) {
                String kind = life.drained != null && life.closed != null ? "drained+closed"
                        : life.closed != null ? "closed" : "drained";
                orphans.add(new Orphan(run, id, kind, life.finishedNanos()));
            } else {
                responses.add(judge(run, id, life, endNanos.getOrDefault(run, life.lastNanos()), losses));
            }
        };
        if (consume) {
            // Each lifecycle is let go once judged: holding both the lifecycles and their judged responses needed half
            // as much memory again.
            lifecycles.drain(judgeOne);
        } else {
            lifecycles.forEach(judgeOne);
        }
        java.util.function.IntFunction<Response> judgeStored = slot -> {
            Lifecycle life = stored(slot);
            JvmRun run = life.opened.run();
            return judge(run, life.opened.responseId(), life, endNanos.getOrDefault(run, life.lastNanos()), losses);
        };
        List<Response> all;
        if (consume && openOnly.size() > 0) {
            all = new JudgedResponses(responses, openOnly, judgeStored);
        } else {
            for (int slot : openOnly.slots()) {
                responses.add(judgeStored.apply(slot));
            }
            responses.sort(Comparator.comparingLong(Response::openedNanos).thenComparingLong(Response::id));
            all = responses;
        }
        orphans.sort(Comparator.comparingLong(Orphan::firstEventNanos).thenComparingLong(Orphan::responseId));
        List<CleanGroup> groups = clean.list();
        // A snapshot copies the connections as they are now; the end's list reads the table, built on access.
        List<Connection> connectionList = consume ? connections.list() : new ArrayList<>(connections.list());
        return new PairingResult(all, groups, orphans, connectionList);
    }

    /**
     * Gives every response delivered so far its verdict as of one moment, without consuming anything: a live view
     * calls this again and again while events keep coming, and {@link #finish} still works afterwards. Every run is
     * judged up to {@code asOfNanos} (a live stream has no chunk ends to judge by); a response still unfinished then
     * is leaked once it is older than the minimum age.
     *
     * @param asOfNanos when to judge, epoch nanoseconds on the recorded JVM's clock
     * @param losses    windows where events may be missing
     */
    public PairingResult snapshot(long asOfNanos, List<LossWindow> losses) {
        Map<JvmRun, Long> ends = new HashMap<>();
        lifecycles.forEach((run, id, life) -> ends.put(run, asOfNanos));
        for (int slot : openOnly.slots()) {
            ends.put(openOnly.run(slot), asOfNanos);
        }
        return judgeAll(ends, losses, false);
    }

    private Response judge(JvmRun run, long id, Lifecycle life, long end, List<LossWindow> losses) {
        ResponseOpened open = life.opened;
        boolean drained = life.readToEnd();
        boolean closed = life.closed != null;
        long opened = open.timeNanos();
        Verdict verdict;
        long age;
        long watchUntil;
        if (!drained && !closed) {
            age = Math.max(0, end - opened);
            verdict = age > minAgeNanos ? Verdict.LEAKED : Verdict.IN_FLIGHT;
            watchUntil = end;
        } else {
            long finished = life.finishedNanos();
            age = Math.max(0, finished - opened);
            if (age > minAgeNanos) {
                verdict = Verdict.RECOVERED;
            } else if (closed && drained) {
                verdict = Verdict.CLEAN;
            } else if (closed) {
                verdict = Verdict.CLOSED_UNREAD;
            } else {
                verdict = Verdict.DRAINED_NOT_CLOSED;
            }
            watchUntil = verdict == Verdict.DRAINED_NOT_CLOSED ? end : finished;
        }
        ConnectionReleased release = releaseOf(run, open, life);
        if (!drained && !closed && nothingToRead(open) && release != null) {
            // Nothing to read: the client gave the connection back on its own (OkHttp records the pooled release in
            // the same millisecond). Holding the untouched response object holds no connection.
            age = Math.max(0, release.timeNanos() - opened);
            verdict = age > minAgeNanos ? Verdict.RECOVERED : Verdict.CLEAN;
            watchUntil = release.timeNanos();
        }
        // A recovered response may have finished earlier than we saw, in lost events: its verdict may be wrong too.
        long watchedUntil = watchUntil;
        boolean uncertain = verdict != Verdict.CLEAN
                && losses.stream().anyMatch(w -> w.overlaps(run, opened, watchedUntil));
        if (uncertain && verdict == Verdict.LEAKED) {
            // The issue: a recording that lost events marks affected verdicts uncertain instead of calling them leaks.
            verdict = Verdict.UNCERTAIN;
        }
        String pool = release != null && release.pool() != null ? release.pool()
                : connections.pool(run, open.connectionId());
        // The open's own pool first: a leaked response's connection is never released, so only the open names it.
        pool = open.pool() != null ? open.pool() : pool;
        long bytes = Math.max(life.closed == null ? 0 : life.closed.bytesRead(),
                life.drained == null ? 0 : life.drained.bytesRead());
        return new Response(run, id, open.connectionId(), open.client(), open.method(), open.uri(),
                open.status(), open.protocol(), open.contentLength(), opened, time(life.drained, ResponseDrained::timeNanos),
                time(life.closed, ResponseClosed::timeNanos), bytes,
                life.drained == null ? null : life.drained.drainedBy(),
                life.closed == null ? null : life.closed.closedBy(), life.threadId(), life.threadName(), life.stack(),
                verdict, age, uncertain, pool, release == null ? null : release.outcome(),
                life.started == null ? -1 : life.started.timeNanos());
    }

    /**
     * Whether the response has no body to read, by HTTP's rules: a HEAD, a 1xx, 204 or 304, or a declared
     * {@code Content-Length: 0}. Clients finish such a response themselves.
     */
    static boolean nothingToRead(ResponseOpened open) {
        int status = open.status();
        return "HEAD".equalsIgnoreCase(open.method()) || (status >= 100 && status < 200) || status == 204
                || status == 304 || open.contentLength() == 0;
    }

    /** The release that names this response, else the first release of its connection after it finished. */
    private ConnectionReleased releaseOf(JvmRun run, ResponseOpened open, Lifecycle life) {
        ConnectionReleased named = life.release;
        if (named != null || open.connectionId() == 0) {
            return named;
        }
        java.util.Collection<ConnectionReleased> candidates = releasesByConnection.get(
                new Key(run, open.connectionId()));
        if (candidates == null) {
            return null;
        }
        long after = life.closed != null ? life.closed.timeNanos() : open.timeNanos();
        return candidates.stream().filter(r -> r.timeNanos() >= after)
                .min(Comparator.comparingLong(ConnectionReleased::timeNanos)).orElse(null);
    }

    private static <T> long time(T event, ToLongFunction<T> time) {
        return event == null ? -1 : time.applyAsLong(event);
    }

    /** A response or connection of one run, as the key of the maps off the common path. */
    private record Key(JvmRun run, long id) {
        /*
         * Written out: the reader hands out one run object per JVM, so comparing the runs is mostly an identity check
         * (the generated equals goes through a method handle per component). The hash is the generated one's.
         */
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.id == id && (k.run == run || java.util.Objects.equals(run, k.run));
        }

        @Override
        public int hashCode() {
            return 31 * java.util.Objects.hashCode(run) + Long.hashCode(id);
        }
    }

    /** The events of one response seen so far. */
    private static final class Lifecycle {
        RequestStarted started;
        ResponseOpened opened;
        /** The slot of its open's connection in {@link #connections}, -1 when the open names none. */
        int connection = -1;
        ResponseDrained drained;
        ResponseClosed closed;
        ConnectionReleased release;
        /** Whether its span's start was told to the span listener, and under which pool (null for none). */
        boolean charted;
        String chartedPool;
        /** Whether its span's end was told, and when it was. */
        boolean finishCharted;
        long chartedFinish;

        /**
         * Whether the body was read to its end before it was closed. The close says so itself: a drain recorded after a
         * close that was not drained is the library discarding the rest (OkHttp, Apache), not the application reading.
         */
        boolean readToEnd() {
            if (closed == null) {
                return drained != null;
            }
            if (closed.drained() || opened != null && nothingToRead(opened)) {
                return true;
            }
            // A body read exactly to its declared length is finished even if the reader never asked for the -1 that
            // would have reported the end (Spring's RestTemplate over HttpClient 5 reads Content-Length bytes). Only
            // the close's count: a drain after an unread close is the library discarding the rest.
            return opened != null && opened.contentLength() >= 0 && closed.bytesRead() >= opened.contentLength();
        }

        /** Whether its open (and its request's start) is all that was read of it (what {@link OpenOnlyStore} keeps). */
        boolean onlyOpened() {
            return opened != null && drained == null && closed == null && release == null;
        }

        /** The first of drain and close: when the response stopped holding its connection hostage. */
        long finishedNanos() {
            long d = drained == null ? Long.MAX_VALUE : drained.timeNanos();
            long c = closed == null ? Long.MAX_VALUE : closed.timeNanos();
            return Math.min(d, c);
        }

        /** The application's stack: the start's for an asynchronous request, else the open's. */
        List<Frame> stack() {
            return started != null ? started.stack() : opened.stack();
        }

        long threadId() {
            return started != null ? started.javaThreadId() : opened.javaThreadId();
        }

        String threadName() {
            return started != null ? started.threadName() : opened.threadName();
        }

        long lastNanos() {
            long last = opened == null ? 0 : opened.timeNanos();
            if (drained != null) {
                last = Math.max(last, drained.timeNanos());
            }
            if (closed != null) {
                last = Math.max(last, closed.timeNanos());
            }
            return last;
        }
    }
}
