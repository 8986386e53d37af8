package dev.leakline.engine.threads;

import static dev.leakline.engine.Records.RUN;
import static dev.leakline.engine.Records.S;
import static dev.leakline.engine.Records.T0;
import static dev.leakline.engine.Records.opened;
import static dev.leakline.engine.Records.stack;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.leakline.engine.event.JvmRun;
import dev.leakline.engine.event.RecordedEvent.ThreadEnded;
import dev.leakline.engine.event.RecordedEvent.ThreadSeen;
import dev.leakline.engine.event.RecordedEvent.ThreadStarted;
import dev.leakline.engine.pairing.Pairing;
import dev.leakline.engine.sites.FrameFilter;
import dev.leakline.engine.sites.Site;
import dev.leakline.engine.sites.Sites;

/** Threads alive at the end, grouped by folded name and creator, and their relation to leak sites. */
class ThreadTrackerTest {
    private static final FrameFilter FILTER = FrameFilter.withExtraPrefixes(List.of());
    private static final ThreadIgnoreList IGNORE = ThreadIgnoreList.withExtra(List.of("my-pool-*"));

    private static ThreadStarted started(long id, String name, long atSeconds, String... frames) {
        return new ThreadStarted(RUN, T0 + atSeconds * S, id, name, 1, "main", stack(frames));
    }

    /** One leak site, com.acme.Shop.buy, leaked at 10 s and 20 s by an okhttp client. */
    private static List<Site> leakSites() {
        Pairing pairing = new Pairing(Duration.ofSeconds(5));
        pairing.accept(opened(1, 10, stack("com.acme.Shop.buy:10")));
        pairing.accept(opened(2, 20, stack("com.acme.Shop.buy:10")));
        return Sites.group(pairing.finish(Map.of(RUN, T0 + 100 * S), List.of()), FILTER);
    }

    @Test
    void aliveThreadsAreGroupedByNameAndCreatorClientThreadsFirst() {
        ThreadTracker tracker = new ThreadTracker();
        tracker.accept(started(20, "OkHttp ConnectionPool", 11, "java.lang.Thread.start:1", "com.acme.Shop.buy:12"));
        tracker.accept(started(21, "OkHttp ConnectionPool", 21, "java.lang.Thread.start:1", "com.acme.Shop.buy:12"));
        tracker.accept(started(22, "OkHttp ConnectionPool", 22, "com.acme.Other.make:3"));
        tracker.accept(started(30, "worker-1", 5, "com.acme.Jobs.start:7"));
        tracker.accept(started(31, "worker-2", 6, "com.acme.Jobs.start:7"));
        tracker.accept(new ThreadEnded(RUN, T0 + 50 * S, 31, "worker-2"));
        tracker.accept(started(40, "my-pool-1", 5, "com.acme.Pool.grow:1"));
        tracker.accept(started(41, "main", 0));
        tracker.accept(new ThreadEnded(RUN, T0 + 60 * S, 50, "short-lived-1")); // its start is not recorded
        tracker.accept(new ThreadSeen(RUN, T0 + 70 * S, 60, "OkHttp Dispatcher"));
        tracker.accept(new ThreadSeen(RUN, T0 + 70 * S, 20, "renamed later")); // a start already named it
        tracker.accept(new ThreadStarted(RUN, T0, -1, "unresolved", 1, "main", List.of()));
        ThreadFindings found = tracker.finish(FILTER, IGNORE, leakSites());

        assertThat(found.recorded()).isTrue();
        assertThat(found.started()).isEqualTo(7);
        assertThat(found.ended()).isEqualTo(2);
        assertThat(found.ignoredAlive()).isEqualTo(2);
        assertThat(found.aliveCount()).isEqualTo(5);
        assertThat(found.aliveAtEnd()).extracting(ThreadGroup::namePattern, ThreadGroup::creatorSite, ThreadGroup::count)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("OkHttp ConnectionPool", "com.acme.Shop.buy(Shop.java:12)",
                                2),
                        org.assertj.core.groups.Tuple.tuple("OkHttp ConnectionPool",
                                "com.acme.Other.make(Other.java:3)", 1),
                        org.assertj.core.groups.Tuple.tuple("OkHttp Dispatcher", null, 1),
                        org.assertj.core.groups.Tuple.tuple("worker-#", "com.acme.Jobs.start(Jobs.java:7)", 1));
        ThreadGroup shop = found.aliveAtEnd().get(0);
        assertThat(shop.relatedSites()).containsExactly(new ThreadGroup.Related("com.acme.Shop.buy(Shop.java:10)",
                "same code: created in the method that leaked"));
        assertThat(shop.parentThreads()).containsExactly("main");
        assertThat(shop.exampleNames()).containsExactly("OkHttp ConnectionPool");
        assertThat(shop.firstStartNanos()).isEqualTo(T0 + 11 * S);
        assertThat(shop.lastStartNanos()).isEqualTo(T0 + 21 * S);
        assertThat(shop.startedBeforeRecording()).isZero();
        ThreadGroup dispatcher = found.aliveAtEnd().get(2);
        assertThat(dispatcher.startedBeforeRecording()).isEqualTo(1);
        assertThat(dispatcher.firstStartNanos()).isEqualTo(-1);
        assertThat(dispatcher.lastStartNanos()).isEqualTo(-1);
        assertThat(dispatcher.creatorFrames()).isEmpty();
        assertThat(dispatcher.relatedSites()).isEmpty(); // no start in the recording: no time window to compare
        assertThat(found.lives()).extracting(ThreadLife::foldedName, ThreadLife::javaThreadId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("OkHttp ConnectionPool", 20L),
                        org.assertj.core.groups.Tuple.tuple("OkHttp ConnectionPool", 21L),
                        org.assertj.core.groups.Tuple.tuple("OkHttp ConnectionPool", 22L),
                        org.assertj.core.groups.Tuple.tuple("OkHttp Dispatcher", 60L),
                        org.assertj.core.groups.Tuple.tuple("short-lived-#", 50L),
                        org.assertj.core.groups.Tuple.tuple("worker-#", 30L),
                        org.assertj.core.groups.Tuple.tuple("worker-#", 31L));
        assertThat(found.lives().get(6)).isEqualTo(new ThreadLife(RUN, 31, "worker-#", T0 + 6 * S, T0 + 50 * S));
        assertThat(found.lives().get(4)).isEqualTo(new ThreadLife(RUN, 50, "short-lived-#", -1, T0 + 60 * S));
    }

    @Test
    void poolWorkersStartedWhileASiteLeakedWithTheSameClientAreRelated() {
        // The site leaked from 10 s to 20 s; "while" reaches 2 s either side: 8 s to 22 s.
        ThreadTracker tracker = new ThreadTracker();
        tracker.accept(started(20, "OkHttp a", 21, "okhttp3.internal.Pool.start:1"));
        tracker.accept(started(21, "OkHttp a", 23));
        tracker.accept(started(22, "OkHttp b", 8, "okhttp3.X.y:1"));
        tracker.accept(started(23, "OkHttp c", 22));
        tracker.accept(started(24, "OkHttp d", 7));
        tracker.accept(started(25, "OkHttp e", 23));
        tracker.accept(started(26, "HttpClient-1-SelectorManager", 15, "jdk.internal.X.y:1"));
        ThreadFindings found = tracker.finish(FILTER, IGNORE, leakSites());

        // Client threads related to a site first, then the larger groups, then by name.
        assertThat(found.aliveAtEnd()).extracting(ThreadGroup::namePattern).containsExactly(
                "OkHttp a", "OkHttp b", "OkHttp c", "HttpClient-#-SelectorManager", "OkHttp d", "OkHttp e");
        ThreadGroup.Related related = new ThreadGroup.Related("com.acme.Shop.buy(Shop.java:10)",
                "same client (okhttp), started while that site leaked");
        assertThat(found.aliveAtEnd().get(0).relatedSites()).containsExactly(related);
        assertThat(found.aliveAtEnd().get(0).count()).isEqualTo(2);
        assertThat(found.aliveAtEnd().get(1).relatedSites()).containsExactly(related);
        assertThat(found.aliveAtEnd().get(2).relatedSites()).containsExactly(related);
        assertThat(found.aliveAtEnd().get(3).relatedSites()).isEmpty(); // another client
        assertThat(found.aliveAtEnd().get(4).relatedSites()).isEmpty(); // 3 s before
        assertThat(found.aliveAtEnd().get(5).relatedSites()).isEmpty(); // 3 s after
    }

    @Test
    void withoutThreadEventsNothingIsSaidAboutThreads() {
        ThreadTracker tracker = new ThreadTracker();
        tracker.accept(new ThreadSeen(RUN, T0, 60, "OkHttp Dispatcher"));
        ThreadFindings found = tracker.finish(FILTER, IGNORE, List.of());
        assertThat(found.recorded()).isFalse();
        assertThat(found.aliveAtEnd()).isEmpty();
        assertThat(found.lives()).isEmpty();
        JvmRun other = new JvmRun(1, 2);
        tracker.accept(new ThreadStarted(other, T0, 5, "x", 1, "main", List.of()));
        assertThat(tracker.finish(FILTER, IGNORE, List.of()).aliveAtEnd()).extracting(ThreadGroup::namePattern)
                .containsExactly("x"); // the seen thread's run has no thread events: not judged
    }

    @Test
    void namesFoldAndTellTheirClient() {
        assertThat(ThreadNames.fold("HttpClient-12-Worker-3")).isEqualTo("HttpClient-#-Worker-#");
        assertThat(ThreadNames.fold(null)).isEqualTo("(unnamed)");
        assertThat(ThreadNames.clientOf("HttpClient-#-SelectorManager")).isEqualTo("java.net.http");
        assertThat(ThreadNames.clientOf("OkHttp ConnectionPool")).isEqualTo("okhttp");
        assertThat(ThreadNames.clientOf("httpclient-dispatch-#")).isEqualTo("apache-httpclient5");
        assertThat(ThreadNames.clientOf("I/O dispatcher #")).isEqualTo("apache-httpclient5");
        assertThat(ThreadNames.clientOf("pool-#-idle-connection-evictor")).isEqualTo("apache-httpclient5");
        assertThat(ThreadNames.clientOf("Connection evictor")).isEqualTo("apache-httpclient5");
        assertThat(ThreadNames.clientOf("worker-#")).isNull();
    }

    @Test
    void theIgnoreListMatchesWholeFoldedNamesWithGlobs() {
        assertThat(IGNORE.ignores("my-pool-#")).isTrue();
        assertThat(IGNORE.ignores("x-my-pool-#")).isFalse();
        assertThat(IGNORE.ignores("C# CompilerThread#")).isTrue();
        assertThat(IGNORE.ignores("Reference Handler")).isTrue();
        assertThat(IGNORE.ignores("Reference Handlers")).isFalse();
        assertThat(IGNORE.ignores("JFR Periodic Tasks")).isTrue();
        assertThat(IGNORE.ignores("HttpClient-#-SelectorManager")).isFalse();
        assertThat(ThreadIgnoreList.withExtra(List.of("a?c")).ignores("abc")).isTrue();
        assertThat(ThreadIgnoreList.withExtra(List.of("a?c")).ignores("abbc")).isFalse();
        assertThat(ThreadIgnoreList.withExtra(List.of("a.c")).ignores("abc")).isFalse();
        assertThat(IGNORE.globs()).startsWith("main").endsWith("OkHttp TaskRunner", "my-pool-*");
    }
}
