package dev.leakline.engine.threads;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.leakline.engine.event.Frame;
import dev.leakline.engine.event.JvmRun;
import dev.leakline.engine.event.RecordedEvent;
import dev.leakline.engine.event.RecordedEvent.ThreadEnded;
import dev.leakline.engine.event.RecordedEvent.ThreadSeen;
import dev.leakline.engine.event.RecordedEvent.ThreadStarted;
import dev.leakline.engine.sites.FrameFilter;
import dev.leakline.engine.sites.Site;

/**
 * Pairs {@code jdk.ThreadStart} with {@code jdk.ThreadEnd} by (run, Java thread id), in any order, and groups the
 * threads still alive at the end. Threads that started before the recording have no start event; they are known
 * from the events they wrote ({@link ThreadSeen}) and reported without a creator.
 */
public final class ThreadTracker {
    /**
     * Threads started within this distance of a site's leaks count as "in the same time window". Only used for
     * threads no application code started (pool workers): the others are matched by their creator's code.
     */
    private static final long WINDOW_SLACK_NANOS = 2_000_000_000L;

    private final Map<Key, State> threads = new HashMap<>();
    private final Set<JvmRun> runsWithThreadEvents = new HashSet<>();
    /** Ends whose thread id could not be resolved; never dropped: a dropped end reports its thread alive. */
    private final List<ThreadEnded> unresolvedEnds = new ArrayList<>();
    private long unattributedEnds;
    private long inferredEnds;

    /** Takes one event; other kinds are ignored. */
    public void accept(RecordedEvent event) {
        if (event instanceof ThreadStarted s && s.javaThreadId() >= 0) {
            runsWithThreadEvents.add(s.run());
            State state = state(s.run(), s.javaThreadId());
            state.started = s;
            state.name = s.name();
            state.seen(s.timeNanos());
        } else if (event instanceof ThreadEnded e && e.javaThreadId() >= 0) {
            runsWithThreadEvents.add(e.run());
            State state = state(e.run(), e.javaThreadId());
            state.ended = true;
            state.endedNanos = e.timeNanos();
            if (state.name == null) {
                state.name = e.name();
            }
        } else if (event instanceof ThreadEnded e) {
            // Its thread could not be resolved to an id: kept, and matched by name at the end (see finish).
            runsWithThreadEvents.add(e.run());
            unresolvedEnds.add(e);
        } else if (event instanceof ThreadSeen seen) {
            State state = state(seen.run(), seen.javaThreadId());
            if (state.name == null) {
                state.name = seen.name();
            }
            state.seen(seen.timeNanos());
        }
    }

    private State state(JvmRun run, long id) {
        return threads.computeIfAbsent(new Key(run, id), k -> new State());
    }

    /**
     * Ends an alive thread for each end whose thread id was not resolved. An end that names its thread ends an alive
     * thread of the same run and name (the earliest started first, and never one that started after the end).
     *
     * <p>An end that names no thread at all is what JDK 17 writes for a thread that ends during a chunk rotation:
     * the rotation moves to the new chunk's buffers at a safepoint, but writes the new chunk's thread constants only
     * after it has finished the old chunk (its classes, methods and strings: longer the bigger the recording), and
     * only for the threads still alive then; a thread that started in an earlier chunk and ends in between writes its
     * {@code jdk.ThreadEnd} into the new chunk, which has no constant for it ({@code thread} and {@code eventThread}
     * are both unresolved; JDK 25 writes an exiting thread's constant itself). Such an end is counted to one thread
     * that could be it: alive, of the same run, and not seen (started or writing an event) after the end. Of those,
     * the threads whose name pattern has ended threads in the run are taken when they share one pattern (threads of
     * a kind that ends, not the long-lived ones); else all of them when they share one pattern. Which member of the
     * pattern is ended (the one seen least recently) changes no count. When the candidates have several patterns the
     * end is not guessed: it is counted in {@link #unattributedEnds()}.
     */
    private void matchUnresolvedEnds() {
        unresolvedEnds.sort(Comparator.comparingLong(ThreadEnded::timeNanos));
        List<ThreadEnded> nameless = new ArrayList<>();
        for (ThreadEnded e : unresolvedEnds) {
            if (e.name() == null) {
                nameless.add(e);
                continue;
            }
            State match = null;
            long matchStart = Long.MAX_VALUE;
            for (Map.Entry<Key, State> entry : threads.entrySet()) {
                State s = entry.getValue();
                long start = s.started == null ? Long.MIN_VALUE : s.started.timeNanos();
                if (!s.ended && e.name().equals(s.name) && entry.getKey().run().equals(e.run())
                        && start <= e.timeNanos() && (match == null || start < matchStart)) {
                    match = s;
                    matchStart = start;
                }
            }
            if (match == null) {
                unattributedEnds++;
            } else {
                match.end(e.timeNanos());
            }
        }
        if (!nameless.isEmpty()) {
            matchNamelessEnds(nameless);
        }
        unresolvedEnds.clear();
    }

    /**
     * Counts each nameless end to the likeliest alive thread (see {@link #matchUnresolvedEnds}). The alive threads are
     * queued per kind, least recently seen first: a thread is a candidate for an end when it was last seen before it
     * (so it also started before it), and the head of its kind's queue is the kind's first candidate. Each end looks
     * at the heads only, so a recording with many such ends and many threads stays linear in both.
     */
    private void matchNamelessEnds(List<ThreadEnded> nameless) {
        Set<Kind> endingKinds = new HashSet<>();
        Map<JvmRun, Map<Kind, ArrayDeque<State>>> alive = new HashMap<>();
        Map<Kind, List<State>> aliveByKind = new HashMap<>();
        for (Map.Entry<Key, State> entry : threads.entrySet()) {
            State s = entry.getValue();
            Kind kind = new Kind(entry.getKey().run(), ThreadNames.fold(s.name));
            if (s.ended) {
                endingKinds.add(kind);
            } else {
                aliveByKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(s);
            }
        }
        for (Map.Entry<Kind, List<State>> k : aliveByKind.entrySet()) {
            List<State> sorted = k.getValue();
            sorted.sort(Comparator.comparingLong((State st) -> st.lastSeenNanos));
            alive.computeIfAbsent(k.getKey().run(), r -> new HashMap<>()).put(k.getKey(), new ArrayDeque<>(sorted));
        }
        for (ThreadEnded e : nameless) {
            ArrayDeque<State> ofEndingKind = null;
            ArrayDeque<State> ofAnyKind = null;
            int endingKindsWithCandidates = 0;
            int kindsWithCandidates = 0;
            for (Map.Entry<Kind, ArrayDeque<State>> k : alive.getOrDefault(e.run(), Map.of()).entrySet()) {
                State head = k.getValue().peekFirst();
                if (head == null || head.lastSeenNanos > e.timeNanos()) {
                    continue;
                }
                kindsWithCandidates++;
                ofAnyKind = k.getValue();
                if (endingKinds.contains(k.getKey())) {
                    endingKindsWithCandidates++;
                    ofEndingKind = k.getValue();
                }
            }
            ArrayDeque<State> pick = endingKindsWithCandidates == 1 ? ofEndingKind
                    : kindsWithCandidates == 1 ? ofAnyKind : null;
            if (pick == null) {
                unattributedEnds++;
            } else {
                pick.pollFirst().end(e.timeNanos());
                inferredEnds++;
            }
        }
    }

    /** Ends that named no thread and were counted to the likeliest alive thread (after {@link #finish}). */
    public long inferredEnds() {
        return inferredEnds;
    }

    /** Ends of threads that could be resolved neither by id nor by name (after {@link #finish}). */
    public long unattributedEnds() {
        return unattributedEnds;
    }

    /** Groups the threads alive at the end and correlates them with the leak sites. */
    public ThreadFindings finish(FrameFilter frames, ThreadIgnoreList ignores, List<Site> sites) {
        matchUnresolvedEnds();
        int started = 0;
        int ended = 0;
        int ignored = 0;
        Map<List<String>, Builder> groups = new LinkedHashMap<>();
        List<ThreadLife> lives = new ArrayList<>();
        for (Map.Entry<Key, State> entry : threads.entrySet()) {
            State s = entry.getValue();
            String pattern = ThreadNames.fold(s.name);
            boolean tracked = runsWithThreadEvents.contains(entry.getKey().run());
            if (tracked && !ignores.ignores(pattern)) {
                lives.add(new ThreadLife(entry.getKey().run(), entry.getKey().id(), pattern,
                        s.started == null ? -1 : s.started.timeNanos(), s.ended ? s.endedNanos : -1));
            }
            if (s.started != null) {
                started++;
            }
            if (s.ended) {
                ended++;
                continue;
            }
            if (!tracked) {
                continue;
            }
            if (ignores.ignores(pattern)) {
                ignored++;
                continue;
            }
            List<Frame> stack = s.started == null ? List.of() : s.started.stack();
            List<Frame> app = frames.applicationFrames(stack, 3);
            String creator = app.isEmpty() ? null : app.get(0).toString();
            // Grouped by the creator's application frames, not only the first: a helper that builds every client
            // (newClient) is one line, its callers are what tell the clients apart.
            List<String> key = new ArrayList<>();
            key.add(pattern);
            app.forEach(f -> key.add(f.toString()));
            groups.computeIfAbsent(key, k -> new Builder(pattern, creator, app)).add(s);
        }
        List<ThreadGroup> alive = new ArrayList<>();
        for (Builder b : groups.values()) {
            alive.add(b.build(sites));
        }
        // Client threads first (they are what this tool is about), then by size.
        alive.sort(Comparator.comparingInt((ThreadGroup g) -> ThreadNames.clientOf(g.namePattern()) == null ? 1 : 0)
                .thenComparingInt(g -> g.relatedSites().isEmpty() ? 1 : 0)
                .thenComparingInt(g -> -g.count()).thenComparing(ThreadGroup::namePattern)
                .thenComparing(g -> Objects.toString(g.creatorSite(), "")));
        lives.sort(Comparator.comparing(ThreadLife::foldedName).thenComparingLong(ThreadLife::javaThreadId));
        return new ThreadFindings(!runsWithThreadEvents.isEmpty(), started, ended, alive, ignored, lives);
    }

    private record Key(JvmRun run, long id) {
    }

    /** A kind of thread: its run and name pattern. */
    private record Kind(JvmRun run, String pattern) {
    }

    private static final class State {
        String name;
        ThreadStarted started;
        boolean ended;
        long endedNanos = -1;
        /** The last time the thread was known alive: its start or its last event. */
        long lastSeenNanos = Long.MIN_VALUE;

        void seen(long nanos) {
            lastSeenNanos = Math.max(lastSeenNanos, nanos);
        }

        void end(long nanos) {
            ended = true;
            endedNanos = nanos;
        }
    }

    private static final class Builder {
        final String pattern;
        final String creator;
        final List<Frame> creatorFrames;
        final Set<String> parents = new LinkedHashSet<>();
        final Set<String> names = new LinkedHashSet<>();
        /** Which client instances the threads belong to, when their names say (see {@link #instanceOf}). */
        final Set<String> instances = new LinkedHashSet<>();
        boolean unknownInstance;
        int count;
        int beforeRecording;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;

        Builder(String pattern, String creator, List<Frame> creatorFrames) {
            this.pattern = pattern;
            this.creator = creator;
            this.creatorFrames = creatorFrames;
        }

        void add(State s) {
            count++;
            String instance = instanceOf(s.name);
            if (instance == null) {
                unknownInstance = true;
            } else {
                instances.add(instance);
            }
            if (names.size() < 3 && s.name != null) {
                names.add(s.name);
            }
            if (s.started == null) {
                beforeRecording++;
                return;
            }
            if (s.started.parentName() != null) {
                parents.add(s.started.parentName());
            }
            first = Math.min(first, s.started.timeNanos());
            last = Math.max(last, s.started.timeNanos());
        }

        ThreadGroup build(List<Site> sites) {
            boolean anyStart = first != Long.MAX_VALUE;
            return new ThreadGroup(pattern, creator, creatorFrames, new ArrayList<>(parents), count, beforeRecording,
                    new ArrayList<>(names), anyStart ? first : -1, anyStart ? last : -1, related(sites, anyStart));
        }

        private List<ThreadGroup.Related> related(List<Site> sites, boolean anyStart) {
            List<ThreadGroup.Related> related = new ArrayList<>();
            List<ThreadGroup.Related> byWindow = new ArrayList<>();
            String client = ThreadNames.clientOf(pattern);
            for (Site site : sites) {
                if (site.leaks() == null) {
                    continue;
                }
                if (sameCode(site)) {
                    related.add(new ThreadGroup.Related(site.site(), "same code: created in the method that leaked"));
                } else if (creatorFrames.isEmpty() && client != null && site.clients().contains(client) && anyStart
                        && first <= site.leaks().lastSeenNanos() + WINDOW_SLACK_NANOS
                        && last >= site.leaks().firstSeenNanos() - WINDOW_SLACK_NANOS) {
                    byWindow.add(new ThreadGroup.Related(site.site(), "same client (" + client
                            + "), started while that site leaked"));
                }
            }
            // A time window is weak evidence: it counts only for the threads of one client instance and one
            // candidate site. Workers folded from several clients (HttpClient-1-Worker-0, HttpClient-2-Worker-0)
            // started while several sites leaked would otherwise be "related" to every one of them.
            if (byWindow.size() == 1 && !unknownInstance && instances.size() == 1) {
                related.addAll(byWindow);
            }
            return related;
        }

        /**
         * The client instance a thread belongs to, from its name: {@code HttpClient-3-Worker-0} belongs to the
         * JDK client numbered 3. Null when the name does not say (other clients name their threads per pool or not
         * at all).
         */
        static String instanceOf(String name) {
            if (name == null || !name.startsWith("HttpClient-")) {
                return null;
            }
            int end = name.indexOf('-', "HttpClient-".length());
            return end < 0 ? null : name.substring(0, end);
        }

        /** Whether the thread was created in the very method that opened the leaked responses. */
        private boolean sameCode(Site site) {
            if (site.appFrames().isEmpty()) {
                return false;
            }
            Frame leak = site.appFrames().get(0);
            for (Frame c : creatorFrames) {
                if (c.type().equals(leak.type()) && c.method().equals(leak.method())) {
                    return true;
                }
            }
            return false;
        }
    }
}
