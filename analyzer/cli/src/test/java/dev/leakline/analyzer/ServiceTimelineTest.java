package dev.leakline.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import dev.leakline.engine.analysis.Analysis;
import dev.leakline.engine.analysis.AnalysisOptions;
import dev.leakline.analyzer.analysis.Analyzer;
import dev.leakline.analyzer.read.RecordingReader;
import dev.leakline.analyzer.report.ReportMapper;
import dev.leakline.engine.timeline.GroupSeries;
import dev.leakline.engine.timeline.ResponseSpan;
import dev.leakline.engine.timeline.Timeline;
import dev.leakline.engine.timeline.TimelineInput;
import dev.leakline.engine.timeline.TimelineSeries;
import dev.leakline.analyzer.timeline.TerminalChart;

/**
 * The service recordings (the {@code reports} path forgets 1 body in 50) through the real reader, analyzer and
 * {@link ReportMapper}: the leaking group's leaked series climbs bucket by bucket exactly as the truth file's leaked
 * opens do, ends at the truth's count, and never exceeds what is outstanding; no other group leaks.
 *
 * <p>Where the truth file names each response's pool (Apache HttpClient 5 and OkHttp: a client and pool per
 * downstream), the groups are exactly those pools, each holding the truth's responses of that pool; the leaks sit in
 * the leaking path's pool; and the other pools stay flat: nothing leaked, and never more outstanding than the
 * truth's own open-to-close intervals of that pool overlap.
 */
class ServiceTimelineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * The scenario stamps {@code openedAtMillis} with its own clock just before or after the event is written; a
     * leak this close to a bucket boundary may fall on either side of it.
     */
    private static final Duration CLOCK_SLACK = Duration.ofMillis(100);

    @TestFactory
    Stream<DynamicTest> leakedSeriesFollowsTheTruthFile() {
        Path root = Path.of(System.getProperty("leakline.repoRoot", "../..")).resolve("recordings/jdk17").normalize();
        List<Path> truths = Stream.of("java-net-http", "apache-httpclient5", "okhttp", "httpurlconnection")
                .map(client -> root.resolve(client).resolve("service.truth.json"))
                .filter(Files::exists).toList();
        Assumptions.assumeFalse(truths.isEmpty(), "no service recordings under " + root);
        return truths.stream().map(t -> DynamicTest.dynamicTest(root.relativize(t).toString(), () -> check(t)));
    }

    private static void check(Path truthFile) throws Exception {
        JsonNode truth = JSON.readTree(truthFile.toFile());
        Path recording = truthFile.resolveSibling(truth.path("recording").asText());
        Assumptions.assumeTrue(Files.isRegularFile(recording) && Files.size(recording) > 0,
                recording + " is not there yet");
        List<Instant> leakOpens = new ArrayList<>();
        Set<String> leakingSites = new TreeSet<>();
        Set<String> leakingPools = new TreeSet<>();
        for (JsonNode r : truth.path("responses")) {
            if (r.path("expected").asText().equals("leaked")) {
                leakOpens.add(Instant.ofEpochMilli(r.path("openedAtMillis").asLong()));
                leakingSites.add(r.path("site").asText());
                if (r.hasNonNull("pool")) {
                    leakingPools.add(r.path("pool").asText());
                }
            }
        }
        assertThat(leakOpens).as("the service scenario leaks").isNotEmpty();

        AnalysisOptions options = new AnalysisOptions(Duration.ofMillis(truth.path("minAgeMillis").asLong()),
                List.of(), List.of(), true);
        Analysis analysis = new Analyzer(RecordingReader.jmc(), options).analyze(List.of(recording));
        TimelineInput input = ReportMapper.timelineInput(analysis);
        Timeline timeline = TimelineSeries.compute(input, TerminalChart.DEFAULT_BUCKETS);

        // Every response the recording holds is charted, clean ones included (the analysis kept them).
        long truthResponses = truth.path("responses").size();
        assertThat((long) input.responses().size()).isEqualTo(truthResponses);

        // All leaks sit in one group: the pool (or client and host) the leaking path used.
        Set<String> leakGroups = input.responses().stream().filter(ResponseSpan::leaked).map(ResponseSpan::group)
                .collect(Collectors.toSet());
        assertThat(leakGroups).hasSize(1);
        String leaking = leakGroups.iterator().next();
        GroupSeries group = group(timeline, leaking);
        assertThat(timeline.groups().get(0).group()).as("groups with leaks come first").isEqualTo(leaking);

        List<Integer> leaked = group.leakedAccumulated().values();
        assertThat(leaked.get(leaked.size() - 1)).as("leaked at the end = truth's leaked responses")
                .isEqualTo(leakOpens.size());
        for (int i = 0; i < timeline.buckets(); i++) {
            Instant bucketEnd = timeline.bucketStart(i + 1);
            long surely = leakOpens.stream().filter(t -> t.isBefore(bucketEnd.minus(CLOCK_SLACK))).count();
            long possibly = leakOpens.stream().filter(t -> t.isBefore(bucketEnd.plus(CLOCK_SLACK))).count();
            assertThat((long) leaked.get(i)).as("leaked by the end of bucket %d (%s)", i, bucketEnd)
                    .isBetween(surely, possibly);
            if (i > 0) {
                assertThat(leaked.get(i)).as("never falls").isGreaterThanOrEqualTo(leaked.get(i - 1));
            }
            // A leaked response stays outstanding, so the outstanding series can never dip below the leaks.
            assertThat(group.outstanding().values().get(i)).as("outstanding in bucket %d", i)
                    .isGreaterThanOrEqualTo(leaked.get(i));
        }
        long steps = IntStream.range(1, leaked.size()).filter(i -> leaked.get(i) > leaked.get(i - 1)).count();
        assertThat(steps).as("rises in steps across the recording, not at once").isGreaterThan(leakOpens.size() / 3);

        for (GroupSeries other : timeline.groups()) {
            if (!other.group().equals(leaking)) {
                assertThat(other.leakedAccumulated().peak()).as("leaks in %s", other.group()).isZero();
            }
        }
        String pools = leakingPools.isEmpty() ? "" : checkPools(truth, input, timeline, leakingPools, leaking);
        System.out.printf("%s: site(s) %s; groups %s; leaked %s; outstanding %s%s%n", truthFile.getParent()
                .getFileName(), leakingSites, timeline.groups().stream().map(GroupSeries::group).toList(), leaked,
                group.outstanding().values(), pools);
    }

    /**
     * The recordings whose truth names each response's pool: one group per pool, named after it and holding that
     * pool's responses; the leaking path's pool holds the leaks; every other pool stays flat. Returns the figures,
     * for the log.
     */
    private static String checkPools(JsonNode truth, TimelineInput input, Timeline timeline, Set<String> leakingPools,
            String leaking) {
        Map<String, List<JsonNode>> byPool = new TreeMap<>();
        for (JsonNode r : truth.path("responses")) {
            assertThat(r.hasNonNull("pool")).as("every service response names its pool: %s", r).isTrue();
            byPool.computeIfAbsent(r.path("pool").asText(), p -> new ArrayList<>()).add(r);
        }
        assertThat(byPool).as("a pool per downstream").hasSizeGreaterThan(1);
        assertThat(leakingPools).as("one leaking path").hasSize(1);
        String leakingPool = leakingPools.iterator().next();
        assertThat(leaking).as("the leaks are charted under the leaking path's pool").isEqualTo(label(leakingPool));

        // The groups are exactly the pools, each charting as many responses as the truth says it served.
        assertThat(timeline.groups()).extracting(GroupSeries::group)
                .containsExactlyInAnyOrderElementsOf(byPool.keySet().stream().map(ServiceTimelineTest::label)
                        .toList());
        Map<String, Long> charted = input.responses().stream()
                .collect(Collectors.groupingBy(ResponseSpan::group, Collectors.counting()));
        StringBuilder figures = new StringBuilder();
        for (Map.Entry<String, List<JsonNode>> e : byPool.entrySet()) {
            String label = label(e.getKey());
            assertThat(charted.get(label)).as("responses charted under %s", label)
                    .isEqualTo((long) e.getValue().size());
            GroupSeries series = group(timeline, label);
            long truthLeaked = e.getValue().stream().filter(r -> r.path("expected").asText().equals("leaked"))
                    .count();
            assertThat((long) series.leakedAccumulated().last()).as("leaked at the end in %s", label)
                    .isEqualTo(truthLeaked);
            int bound = maxOverlap(e.getValue());
            if (!e.getKey().equals(leakingPool)) {
                // Flat: nothing leaked at any time, and never more outstanding than the pool's requests overlapped.
                assertThat(truthLeaked).as("the truth's leaks in %s", label).isZero();
                assertThat(series.leakedAccumulated().values()).as("leaked in %s", label).containsOnly(0);
                assertThat(series.outstanding().peak()).as("outstanding peak in %s", label)
                        .isLessThanOrEqualTo(bound);
            }
            figures.append(String.format("%n  %s: %d responses, leaked at end %d, outstanding peak %d (bound %d),"
                    + " connections held peak %d", label, e.getValue().size(), series.leakedAccumulated().last(),
                    series.outstanding().peak(), bound, series.connectionsHeld().peak()));
        }
        return figures.toString();
    }

    /** How the report labels a pool's group. */
    private static String label(String pool) {
        return "pool " + pool;
    }

    private static GroupSeries group(Timeline timeline, String name) {
        return timeline.groups().stream().filter(g -> g.group().equals(name)).findFirst().orElseThrow();
    }

    /**
     * The most responses of {@code responses} open at once by the truth's own clock, each widened by the clock
     * slack on both sides (the recording's open and finish events lie within it): an upper bound of what may be
     * outstanding at once. A response never closed counts to the end.
     */
    private static int maxOverlap(List<JsonNode> responses) {
        long slack = CLOCK_SLACK.toMillis();
        TreeMap<Long, Integer> delta = new TreeMap<>();
        for (JsonNode r : responses) {
            delta.merge(r.path("openedAtMillis").asLong() - slack, 1, Integer::sum);
            if (r.hasNonNull("closedAtMillis")) {
                delta.merge(r.path("closedAtMillis").asLong() + slack, -1, Integer::sum);
            }
        }
        int open = 0;
        int max = 0;
        for (int d : delta.values()) {
            open += d;
            max = Math.max(max, open);
        }
        return max;
    }
}
