package dev.leakline.analyzer.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.leakline.analyzer.TestRecordings;
import dev.leakline.engine.analysis.Analysis;
import dev.leakline.engine.analysis.AnalysisOptions;
import dev.leakline.analyzer.analysis.Analyzer;
import dev.leakline.analyzer.html.ReportModel;
import dev.leakline.analyzer.read.RecordingReader;
import dev.leakline.engine.timeline.GroupSeries;
import dev.leakline.engine.timeline.ResponseSpan;
import dev.leakline.engine.timeline.ThreadSpan;
import dev.leakline.engine.timeline.Timeline;
import dev.leakline.engine.timeline.TimelineInput;
import dev.leakline.engine.timeline.TimelineSeries;
import dev.leakline.jfr.Actor;
import dev.leakline.jfr.Leakline;
import dev.leakline.jfr.ReleaseOutcome;
import dev.leakline.jfr.TrackedResponse;

/**
 * A real recording with two pools and a pool-less client, made with the core API: pool A leaks two responses on
 * connections that are never released (so the events never name their pool), pool B and the pool-less client finish
 * everything; one thread ends during the recording, one is alive at the end.
 */
class ReportMapperTest {
    private static final String HOST_A = "http://127.0.0.1:1001/a";
    private static final String HOST_B = "http://127.0.0.1:1002/b";
    private static final String HOST_C = "http://127.0.0.1:1003/c";
    private static final int CLEAN_PER_GROUP = 6;

    @TempDir
    static Path dir;
    static Analysis analysis;
    static String leakSite;

    @BeforeAll
    static void record() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Thread stuck = new Thread(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "stuck-3");
        Path file = TestRecordings.record(dir, "pools.jfr", () -> {
            long a1 = Leakline.connectionId("a1");
            long b1 = Leakline.connectionId("b1");
            for (int i = 0; i < CLEAN_PER_GROUP; i++) {
                clean("pooled-client", a1, HOST_A, "pool-a");
                clean("pooled-client", b1, HOST_B, "pool-b");
                clean("plain-client", 0, HOST_C, null);
                if (i == 1 || i == 4) {
                    leak(Leakline.connectionId("a-leak-" + i));
                }
                TestRecordings.pause(Duration.ofMillis(20));
            }
            Thread worker = new Thread(() -> { }, "worker-7");
            worker.start();
            worker.join();
            stuck.start();
            TestRecordings.pause(Duration.ofMillis(150));
        });
        release.countDown();
        stuck.join();
        AnalysisOptions options = new AnalysisOptions(Duration.ofMillis(100), List.of(), List.of(), true);
        analysis = new Analyzer(RecordingReader.jmc(), options).analyze(List.of(file));
    }

    private static void clean(String client, long connection, String uri, String pool) {
        TrackedResponse r = Leakline.responseOpened(client, connection, "GET", uri, 200, "HTTP/1.1", 4);
        r.bodyRead(4);
        r.bodyDrained(Actor.APPLICATION);
        r.closed(Actor.APPLICATION);
        if (pool != null) {
            Leakline.connectionReleased(connection, pool, ReleaseOutcome.POOLED, r.id());
        }
    }

    private static void leak(long connection) {
        // Opened and located on one line: that line is the site the report must name.
        Leakline.responseOpened("pooled-client", connection, "GET", HOST_A, 200, "HTTP/1.1", 4); leakSite = here();
    }

    private static String here() {
        StackWalker.StackFrame f = StackWalker.getInstance().walk(s -> s.skip(1).findFirst()).orElseThrow();
        return f.getClassName() + "." + f.getMethodName() + "(" + f.getFileName() + ":" + f.getLineNumber() + ")";
    }

    @Test
    void responsesAreGroupedByPoolElseClientAndHostAndLeaksJoinTheirHostsPool() {
        TimelineInput input = ReportMapper.timelineInput(analysis);
        Map<String, Long> perGroup = input.responses().stream()
                .collect(Collectors.groupingBy(ResponseSpan::group, Collectors.counting()));
        assertThat(perGroup).containsOnly(Map.entry("pool pool-a", CLEAN_PER_GROUP + 2L),
                Map.entry("pool pool-b", (long) CLEAN_PER_GROUP),
                Map.entry("plain-client 127.0.0.1:1003", (long) CLEAN_PER_GROUP));
        assertThat(input.responses().stream().filter(ResponseSpan::leaked).map(ResponseSpan::group))
                .containsExactly("pool pool-a", "pool pool-a");
        assertThat(input.responses().stream().filter(r -> !r.leaked()))
                .allSatisfy(r -> assertThat(r.finished()).isNotNull().isAfterOrEqualTo(r.opened()));
        assertThat(input.start()).isBefore(input.responses().get(0).opened());
    }

    @Test
    void onlyTheLeakingPoolAccumulatesLeaksTheOthersStayFlat() {
        Timeline t = TimelineSeries.compute(ReportMapper.timelineInput(analysis), 40);
        Map<String, GroupSeries> groups = t.groups().stream()
                .collect(Collectors.toMap(GroupSeries::group, Function.identity()));
        assertThat(t.groups().get(0).group()).isEqualTo("pool pool-a");
        assertThat(groups.get("pool pool-a").leakedAccumulated().last()).isEqualTo(2);
        assertThat(groups.get("pool pool-a").outstanding().last()).isEqualTo(2);
        assertThat(groups.get("pool pool-b").leakedAccumulated().peak()).isZero();
        assertThat(groups.get("pool pool-b").outstanding().last()).isZero();
        assertThat(groups.get("plain-client 127.0.0.1:1003").leakedAccumulated().peak()).isZero();
    }

    @Test
    void threadSpansCarryStartAndEnd() {
        Map<String, ThreadSpan> byName = ReportMapper.timelineInput(analysis).threads().stream()
                .filter(s -> s.foldedName().startsWith("worker-") || s.foldedName().startsWith("stuck-"))
                .collect(Collectors.toMap(ThreadSpan::foldedName, Function.identity()));
        assertThat(byName.get("worker-#").start()).isNotNull();
        assertThat(byName.get("worker-#").end()).isNotNull().isAfterOrEqualTo(byName.get("worker-#").start());
        assertThat(byName.get("stuck-#").start()).isNotNull();
        assertThat(byName.get("stuck-#").end()).as("alive at the end").isNull();
    }

    @Test
    void reportModelNamesTheLeakSiteWithItsStackAndCounts() {
        Timeline t = TimelineSeries.compute(ReportMapper.timelineInput(analysis), 40);
        ReportModel model = ReportMapper.reportModel(analysis, t, Instant.EPOCH);
        assertThat(model.sites()).hasSize(1);
        ReportModel.LeakSite site = model.sites().get(0);
        assertThat(site.verdict()).isEqualTo("leaked");
        assertThat(site.site()).isEqualTo(leakSite);
        assertThat(site.count()).isEqualTo(2);
        assertThat(site.pools()).containsExactly("pool-a");
        assertThat(site.frames()).contains(leakSite);
        assertThat(site.oldestAge()).isGreaterThanOrEqualTo(site.youngestAge()).isPositive();
        assertThat(model.summary().verdicts()).contains(new ReportModel.VerdictCount("leaked", 2),
                new ReportModel.VerdictCount("clean", 3L * CLEAN_PER_GROUP));
        assertThat(model.summary().headline()).startsWith("2 leaked responses at 1 site");
        assertThat(model.threads()).anySatisfy(f -> {
            assertThat(f.namePattern()).isEqualTo("stuck-#");
            assertThat(f.aliveAtEnd()).isEqualTo(1);
        });
        assertThat(model.facts().files()).containsExactly(analysis.inputs().get(0));
        assertThat(model.facts().chunks()).isPositive();
    }
}
