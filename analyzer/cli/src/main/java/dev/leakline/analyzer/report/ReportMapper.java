package dev.leakline.analyzer.report;

import static dev.leakline.engine.format.Formats.plural;

import dev.leakline.engine.format.Formats;
import dev.leakline.engine.format.Headline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.leakline.engine.analysis.Analysis;
import dev.leakline.engine.analysis.RunFacts;
import dev.leakline.engine.findings.Advice;
import dev.leakline.analyzer.html.ReportModel;
import dev.leakline.engine.pairing.LossWindow;
import dev.leakline.engine.pairing.Response;
import dev.leakline.engine.pairing.Verdict;
import dev.leakline.engine.event.Frame;
import dev.leakline.engine.event.JvmInfo;
import dev.leakline.engine.sites.FrameFilter;
import dev.leakline.engine.sites.Site;
import dev.leakline.engine.sites.Sites;
import dev.leakline.engine.threads.ThreadGroup;
import dev.leakline.engine.threads.ThreadLife;
import dev.leakline.engine.threads.ThreadNames;
import dev.leakline.engine.timeline.ResponseSpan;
import dev.leakline.engine.timeline.ThreadSpan;
import dev.leakline.engine.timeline.Timeline;
import dev.leakline.engine.timeline.TimelineAccumulator;
import dev.leakline.engine.timeline.TimelineInput;

/**
 * The one place where the analysis model becomes the renderers' neutral inputs: {@link TimelineInput} for the
 * timeline (terminal and SVG) and {@link ReportModel} for the HTML report.
 *
 * <p>A response is charted under its pool ({@code pool NAME}) when its open or its connection's release named one,
 * else under {@code client host:port}. A leaked response's connection is never released, so in recordings whose opens
 * name no pool its own pool is unknown; when every
 * response of the same run, client and host that has a pool has the same one, the leaked response is charted under
 * that pool too (otherwise the leaks would sit in a group of their own, apart from the pool they drain); the report's
 * leak sites name their pools the same way. When JVM
 * runs overlap in time, group and thread names carry the run's label, so two processes are never added up.
 */
public final class ReportMapper {
    private ReportMapper() {
    }

    /**
     * The timeline's input. Needs an analysis made with {@code keepCleanResponses}: otherwise clean responses are
     * only counts and the outstanding series would miss them.
     */
    public static TimelineInput timelineInput(Analysis analysis) {
        boolean labelRuns = runsOverlap(analysis.runs());
        Map<String, String> poolOfHost = uniquePools(analysis.pairing().responses());
        List<ResponseSpan> spans = new ArrayList<>();
        for (Response r : analysis.pairing().responses()) {
            if (r.openedNanos() < 0) {
                continue;
            }
            long finishedNanos = firstOf(r.drainedNanos(), r.closedNanos());
            Instant opened = instant(r.openedNanos());
            Instant finished = finishedNanos < 0 ? null : instant(Math.max(finishedNanos, r.openedNanos()));
            String group = Caps.cap(group(r, poolOfHost));
            if (labelRuns) {
                group += " [" + r.run().label() + "]";
            }
            spans.add(new ResponseSpan(opened, finished, group, r.verdict() == Verdict.LEAKED, r.connectionId()));
        }
        return new TimelineInput(start(analysis), end(analysis), spans, threadSpans(analysis, labelRuns));
    }

    /**
     * The timeline computed while reading ({@link TimelineAccumulator}, fed by the analysis), finished with the
     * responses the analysis judged at the end and the threads.
     */
    public static Timeline timeline(Analysis analysis, TimelineAccumulator accumulator) {
        boolean labelRuns = runsOverlap(analysis.runs());
        return accumulator.finish(analysis.pairing().responses(), threadSpans(analysis, labelRuns), labelRuns);
    }

    private static List<ThreadSpan> threadSpans(Analysis analysis, boolean labelRuns) {
        List<ThreadSpan> threads = new ArrayList<>();
        for (ThreadLife life : analysis.threads().lives()) {
            String name = Caps.cap(life.foldedName()) + (labelRuns ? " [" + life.run().label() + "]" : "");
            Instant start = life.startNanos() < 0 ? null : instant(life.startNanos());
            Instant end = life.endNanos() < 0 ? null : instant(life.endNanos());
            if (start != null && end != null && end.isBefore(start)) {
                end = start;
            }
            threads.add(new ThreadSpan(start, end, name));
        }
        return threads;
    }

    /** The HTML report's model, with the given (already computed) timeline. */
    public static ReportModel reportModel(Analysis analysis, Timeline timeline, Instant generatedAt) {
        return new ReportModel(summary(analysis), timeline, sites(analysis), threads(analysis), facts(analysis),
                generatedAt);
    }

    // ---- timeline

    private static String group(Response r, Map<String, String> poolOfHost) {
        String pool = r.pool() != null ? r.pool() : poolOfHost.get(hostKey(r));
        return pool != null ? "pool " + pool : r.client() + " " + Sites.hostOf(r.uri());
    }

    /** Per run, client and host: the one pool its responses reported, when there is exactly one. */
    private static Map<String, String> uniquePools(List<Response> responses) {
        PoolsPerHost pools = new PoolsPerHost();
        for (Response r : responses) {
            pools.add(r);
        }
        return pools.unique();
    }

    /** The pools the responses of each run, client and host reported (few: one set per host, not per response). */
    private static final class PoolsPerHost {
        private final Map<String, Set<String>> pools = new HashMap<>();

        void add(Response r) {
            if (r.pool() != null) {
                pools.computeIfAbsent(hostKey(r), k -> new HashSet<>()).add(r.pool());
            }
        }

        /** Per run, client and host: its one pool, when it reported exactly one. */
        Map<String, String> unique() {
            Map<String, String> unique = new HashMap<>();
            pools.forEach((k, v) -> {
                if (v.size() == 1) {
                    unique.put(k, v.iterator().next());
                }
            });
            return unique;
        }
    }

    /**
     * The problem responses of one site and verdict, as the report shows them: the stack of the first, the first few
     * URIs, and where their pools come from, in the responses' order. A response without a pool of its own takes its
     * host's unique pool, known only after the last response: until then its host key stands in its place.
     */
    private static final class SiteVerdict {
        static final int URIS = 5;
        final List<Frame> firstStack;
        final Set<String> uris = new LinkedHashSet<>();
        /** {@code p} and a pool's name, or {@code h} and the host key of a response without one; first-seen order. */
        final Set<String> poolSources = new LinkedHashSet<>();

        SiteVerdict(List<Frame> firstStack) {
            this.firstStack = firstStack;
        }

        void add(Response r) {
            poolSources.add(r.pool() != null ? "p" + r.pool() : "h" + hostKey(r));
            if (uris.size() < URIS && r.uri() != null) {
                uris.add(r.uri());
            }
        }

        /** The pools in the order the responses named them, each response's as the timeline groups it. */
        Set<String> pools(Map<String, String> poolOfHost) {
            Set<String> pools = new LinkedHashSet<>();
            for (String source : poolSources) {
                String pool = source.charAt(0) == 'h' ? poolOfHost.get(source.substring(1)) : source.substring(1);
                if (pool != null) {
                    pools.add(pool);
                }
            }
            return pools;
        }
    }

    private static String hostKey(Response r) {
        return r.run() + "\n" + r.client() + "\n" + Sites.hostOf(r.uri());
    }

    private static boolean runsOverlap(List<RunFacts> runs) {
        for (int i = 1; i < runs.size(); i++) {
            // Sorted by start: overlapping runs overlap a neighbour... or an earlier, longer run.
            for (int j = 0; j < i; j++) {
                if (runs.get(i).startNanos() < runs.get(j).endNanos()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static long firstOf(long a, long b) {
        if (a < 0) {
            return b;
        }
        return b < 0 ? a : Math.min(a, b);
    }

    private static Instant start(Analysis a) {
        return instant(a.runs().stream().mapToLong(RunFacts::startNanos).min().orElse(0));
    }

    private static Instant end(Analysis a) {
        long start = a.runs().stream().mapToLong(RunFacts::startNanos).min().orElse(0);
        return instant(Math.max(start, a.runs().stream().mapToLong(RunFacts::endNanos).max().orElse(0)));
    }

    private static Instant instant(long epochNanos) {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L),
                Math.floorMod(epochNanos, 1_000_000_000L));
    }

    // ---- report

    private static ReportModel.Summary summary(Analysis a) {
        List<ReportModel.VerdictCount> counts = new ArrayList<>();
        long total = 0;
        for (Verdict v : Verdict.values()) {
            long n = a.pairing().count(v);
            total += n;
            counts.add(new ReportModel.VerdictCount(v.id(), n));
        }
        counts.add(new ReportModel.VerdictCount("orphan", a.pairing().orphans().size()));
        long leaked = a.leaked();
        int sites = a.leakSites().size();
        String headline;
        if (a.leaklineEvents() == 0) {
            headline = "No Leakline response events in this recording";
        } else {
            headline = Headline.leaksSentence(leaked, sites);
        }
        long clientThreads = a.threads().aliveAtEnd().stream()
                .filter(g -> ThreadNames.clientOf(g.namePattern()) != null).mapToLong(ThreadGroup::count).sum();
        if (clientThreads > 0) {
            headline += "; " + clientThreads + " client thread" + plural(clientThreads) + " still alive at the end";
        }
        headline += " (min age " + Formats.typed(a.options().minAge()) + ").";
        return new ReportModel.Summary(headline, total, counts);
    }

    private static List<ReportModel.LeakSite> sites(Analysis a) {
        FrameFilter filter = a.frames();
        // One pass over the responses, each response's site found once; per site and verdict only what is shown is
        // kept (the pairing may build each response only when asked for it, so none is held).
        Map<String, SiteVerdict> byVerdictAndSite = new HashMap<>();
        PoolsPerHost poolsPerHost = new PoolsPerHost();
        for (Response r : a.pairing().responses()) {
            poolsPerHost.add(r);
            // A closed-unread response whose connection went back to the pool cost nothing: information, no site.
            if (r.verdict().isProblem() && !Sites.pooledOnClose(r)) {
                byVerdictAndSite.computeIfAbsent(r.verdict().id() + "\n" + filter.siteOf(r.stack()),
                        k -> new SiteVerdict(r.stack())).add(r);
            }
        }
        Map<String, String> poolOfHost = poolsPerHost.unique();
        List<ReportModel.LeakSite> out = new ArrayList<>();
        for (Verdict v : List.of(Verdict.LEAKED, Verdict.RECOVERED, Verdict.DRAINED_NOT_CLOSED,
                Verdict.CLOSED_UNREAD)) {
            for (Site site : a.sites()) {
                long n = site.count(v) - (v == Verdict.CLOSED_UNREAD ? site.closedUnreadOutcomes()
                        .getOrDefault(Sites.POOLED, 0L) : 0);
                if (n == 0) {
                    continue;
                }
                SiteVerdict seen = byVerdictAndSite.get(v.id() + "\n" + site.site());
                Set<String> pools = seen == null ? new LinkedHashSet<>() : seen.pools(poolOfHost);
                Set<String> uris = seen == null ? new LinkedHashSet<>() : new LinkedHashSet<>(seen.uris);
                List<String> frames = seen == null ? site.appFrames().stream().map(Frame::toString).toList()
                        : seen.firstStack.stream().map(Frame::toString).toList();
                Duration youngest = null;
                Duration median = null;
                Duration oldest = null;
                if (v == Verdict.LEAKED && site.leaks() != null) {
                    Site.LeakDetail leaks = site.leaks();
                    youngest = Duration.ofMillis(leaks.minAgeMillis());
                    median = Duration.ofMillis(leaks.medianAgeMillis());
                    oldest = Duration.ofMillis(leaks.maxAgeMillis());
                    pools.addAll(leaks.pools());
                    if (uris.isEmpty()) {
                        uris.addAll(leaks.exampleUris());
                    }
                }
                out.add(new ReportModel.LeakSite(v.id(), site.line(), Caps.cap(site.clients()),
                        Caps.cap(new ArrayList<>(pools)), n, youngest, median, oldest, Caps.cap(new ArrayList<>(uris)),
                        frames, Advice.fix(v)));
            }
        }
        return out;
    }

    private static List<ReportModel.ThreadFinding> threads(Analysis a) {
        List<ReportModel.ThreadFinding> out = new ArrayList<>();
        for (ThreadGroup g : a.threads().aliveAtEnd()) {
            String client = ThreadNames.clientOf(g.namePattern());
            // One client's threads are what a shared, long-lived client looks like: only several built at one line
            // (or threads related to a leak site) are a warning.
            boolean perRequest = client != null && g.count() > 1;
            boolean suspicious = perRequest || !g.relatedSites().isEmpty();
            String summary = g.count() + " " + Caps.cap(g.namePattern()) + " thread" + plural(g.count())
                    + (g.count() == 1 ? " is" : " are") + " still alive at the end"
                    + (g.creatorSite() != null ? ", started at " + g.creatorSite()
                            : g.startedBeforeRecording() == g.count() ? ", started before the recording" : "")
                    + (perRequest ? " (" + client + " client threads: build one client and reuse it, or close "
                            + "each client when done)" : client != null ? " (one " + client + " client: fine if shared)"
                            : "")
                    + ".";
            List<String> related = g.relatedSites().stream().map(r -> lineOf(a, r.site()) + ": " + r.reason())
                    .toList();
            out.add(new ReportModel.ThreadFinding(suspicious ? "warning" : "info", summary, Caps.cap(g.namePattern()),
                    g.count(), g.creatorSite(), g.creatorFrames().stream().map(Frame::toString).toList(), related));
        }
        return out;
    }

    /** A site key as every report prints the site ({@link Site#line()}). */
    private static String lineOf(Analysis a, String site) {
        return a.sites().stream().filter(s -> s.site().equals(site)).findFirst().map(Site::line).orElse(site);
    }

        private static ReportModel.RecordingFacts facts(Analysis a) {
        List<String> losses = new ArrayList<>();
        for (LossWindow loss : a.losses()) {
            String to = loss.toNanos() == Long.MAX_VALUE ? "the end" : Formats.time(loss.toNanos());
            losses.add(Formats.time(loss.fromNanos()) + " to " + to + ": " + loss.reason());
        }
        List<ReportModel.Fact> other = new ArrayList<>();
        for (RunFacts run : a.runs()) {
            other.add(new ReportModel.Fact("JVM run", run.run().label() + ": " + Formats.time(run.startNanos())
                    + " to " + Formats.time(run.endNanos()) + ", " + run.chunks() + " chunk" + plural(run.chunks())));
        }
        other.add(new ReportModel.Fact("Chunks", a.chunksRead() + " of " + a.chunks().size() + " read"));
        a.optionsInForce().forEach((label, value) -> other.add(new ReportModel.Fact(label, value)));
        other.add(new ReportModel.Fact("Leakline events", Long.toString(a.leaklineEvents())));
        if (!a.pairing().orphans().isEmpty()) {
            other.add(new ReportModel.Fact("Orphan drains and closes", a.pairing().orphans().size()
                    + " (opened before the recording started, or in a lost chunk)"));
        }
        if (a.threads().recorded()) {
            other.add(new ReportModel.Fact("Threads", a.threads().started() + " started, " + a.threads().ended()
                    + " ended, " + a.threads().ignoredAlive() + " JVM and pool threads alive at the end hidden"));
        } else {
            other.add(new ReportModel.Fact("Threads", "no jdk.ThreadStart/jdk.ThreadEnd in the recording"));
        }
        List<RunFacts> runs = a.runs().stream().sorted(Comparator.comparingLong(RunFacts::startNanos)).toList();
        // Runs of the same JVM build show it once; different builds (e.g. before and after an upgrade) all show.
        String jvm = distinct(runs, j -> j.jvmName() == null ? null
                : j.jvmVersion() == null ? j.jvmName() : j.jvmName() + " " + j.jvmVersion());
        String jdk = distinct(runs, JvmInfo::javaVersion);
        String os = distinct(runs, JvmInfo::os);
        if (os != null) {
            other.add(0, new ReportModel.Fact("Operating system", os));
        }
        return new ReportModel.RecordingFacts(a.inputs(), jvm, jdk, start(a), end(a), (int) a.chunksRead(), losses,
                a.warnings(), other);
    }

    /** The distinct known values of one JVM fact over the runs, joined; null when no run tells. */
    private static String distinct(List<RunFacts> runs, java.util.function.Function<JvmInfo, String> fact) {
        List<String> values = runs.stream().map(RunFacts::jvm).filter(java.util.Objects::nonNull).map(fact)
                .filter(java.util.Objects::nonNull).distinct().toList();
        return values.isEmpty() ? null : String.join(", ", values);
    }

}
