package dev.leakline.analyzer.timeline;

import dev.leakline.engine.timeline.GroupSeries;
import dev.leakline.engine.timeline.ResponseSpan;
import dev.leakline.engine.timeline.Series;
import dev.leakline.engine.timeline.Timeline;
import dev.leakline.engine.timeline.TimelineInput;
import dev.leakline.engine.timeline.TimelineSeries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TimelineSeriesTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private static Instant at(double seconds) {
        return T0.plusNanos((long) (seconds * 1e9));
    }

    private static GroupSeries group(Timeline t, String name) {
        return t.groups().stream().filter(g -> g.group().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void leakingPoolRisesOneStepPerLeakWhileOtherPoolsStayFlat() {
        // 10 buckets of 10 s; the leaky pool leaks one response at the start of every 10 s.
        Timeline t = TimelineSeries.compute(SyntheticService.input(), 10);

        List<Integer> leakedSoFar = IntStream.rangeClosed(1, 10).boxed().toList();
        // Every bucket also sees one finished request in flight on top of the leaked ones.
        List<Integer> outstanding = IntStream.rangeClosed(2, 11).boxed().toList();
        GroupSeries leaky = group(t, SyntheticService.LEAKY);
        assertThat(leaky.leakedAccumulated().values()).isEqualTo(leakedSoFar);
        assertThat(leaky.outstanding().values()).isEqualTo(outstanding);
        assertThat(leaky.connectionsHeld().values()).isEqualTo(outstanding);

        for (String flat : List.of(SyntheticService.STEADY, SyntheticService.NO_POOL)) {
            GroupSeries g = group(t, flat);
            assertThat(g.outstanding().values()).as(flat).containsOnly(1).hasSize(10);
            assertThat(g.connectionsHeld().values()).as(flat).containsOnly(1);
            assertThat(g.leakedAccumulated().values()).as(flat).containsOnly(0);
        }
        assertThat(t.groups().get(0).group()).as("groups with leaks come first").isEqualTo(SyntheticService.LEAKY);
    }

    @Test
    void leakedCountMatchesTheScenarioBookkeepingAtAnyResolution() {
        for (int buckets : new int[] {1, 7, 72, 500}) {
            Timeline t = TimelineSeries.compute(SyntheticService.input(), buckets);
            GroupSeries leaky = group(t, SyntheticService.LEAKY);
            for (int b = 0; b < buckets; b++) {
                Instant bucketEnd = t.bucketStart(b + 1);
                boolean last = b == buckets - 1;
                long truth = SyntheticService.responses().stream()
                        .filter(r -> r.group().equals(SyntheticService.LEAKY) && r.leaked())
                        .filter(r -> last ? !r.opened().isAfter(bucketEnd) : r.opened().isBefore(bucketEnd))
                        .count();
                assertThat(leaky.leakedAccumulated().at(b)).as("bucket %d of %d", b, buckets).isEqualTo((int) truth);
            }
        }
    }

    @Test
    void inputOrderDoesNotMatter() {
        List<ResponseSpan> shuffled = new ArrayList<>(SyntheticService.responses());
        Collections.shuffle(shuffled, new Random(42));
        Timeline ordered = TimelineSeries.compute(SyntheticService.input(), 37);
        Timeline unordered = TimelineSeries.compute(new TimelineInput(SyntheticService.START, SyntheticService.END,
                shuffled, SyntheticService.threads()), 37);
        assertThat(unordered).isEqualTo(ordered);
    }

    @Test
    void aBurstShorterThanABucketStillShowsAsTheBucketMaximum() {
        List<ResponseSpan> spans = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            spans.add(new ResponseSpan(at(12 + i * 0.01), at(12.2), "g", false, 0));
        }
        Timeline t = TimelineSeries.compute(new TimelineInput(T0, at(40), spans, List.of()), 4);
        assertThat(group(t, "g").outstanding().values()).containsExactly(0, 5, 0, 0);
    }

    @Test
    void halfOpenIntervalsNeitherDoubleAtHandOverNorShowZeroLength() {
        List<ResponseSpan> spans = List.of(
                new ResponseSpan(at(1), at(5), "g", false, 7),
                new ResponseSpan(at(5), at(9), "g", false, 7),
                new ResponseSpan(at(3), at(3), "g", false, 0));
        Timeline t = TimelineSeries.compute(new TimelineInput(T0, at(10), spans, List.of()), 1);
        assertThat(group(t, "g").outstanding().values()).containsExactly(1);
        assertThat(group(t, "g").connectionsHeld().values()).containsExactly(1);
    }

    @Test
    void anEventOnABucketBoundaryBelongsToTheLaterBucket() {
        List<ResponseSpan> spans = List.of(new ResponseSpan(at(5), at(7.5), "g", false, 0));
        Timeline t = TimelineSeries.compute(new TimelineInput(T0, at(10), spans, List.of()), 4);
        assertThat(group(t, "g").outstanding().values()).containsExactly(0, 0, 1, 0);
    }

    @Test
    void responsesOpenedBeforeTheRecordingCountFromTheFirstBucket() {
        List<ResponseSpan> spans = List.of(
                new ResponseSpan(T0.minusSeconds(30), at(4), "g", false, 0),
                new ResponseSpan(T0.minusSeconds(30), null, "g", true, 0));
        Timeline t = TimelineSeries.compute(new TimelineInput(T0, at(10), spans, List.of()), 2);
        assertThat(group(t, "g").outstanding().values()).containsExactly(2, 1);
        assertThat(group(t, "g").leakedAccumulated().values()).containsExactly(1, 1);
    }

    @Test
    void connectionsHeldCountsASharedConnectionOnceAndUnknownConnectionsEach() {
        List<ResponseSpan> spans = List.of(
                // Two HTTP/2 streams on connection 9, overlapping: one connection.
                new ResponseSpan(at(1), at(6), "h2", false, 9),
                new ResponseSpan(at(2), at(8), "h2", false, 9),
                // Two responses whose connection is unknown: counted one each.
                new ResponseSpan(at(1), at(6), "unknown", false, 0),
                new ResponseSpan(at(2), at(8), "unknown", false, 0));
        Timeline t = TimelineSeries.compute(new TimelineInput(T0, at(10), spans, List.of()), 5);
        assertThat(group(t, "h2").outstanding().values()).containsExactly(1, 2, 2, 1, 0);
        assertThat(group(t, "h2").connectionsHeld().values()).containsExactly(1, 1, 1, 1, 0);
        assertThat(group(t, "unknown").connectionsHeld().values()).containsExactly(1, 2, 2, 1, 0);
    }

    @Test
    void threadsAreCountedPerFoldedNameWithUnknownStartOrEndOpen() {
        Timeline t = TimelineSeries.compute(SyntheticService.input(), 5);
        assertThat(t.threadsAlive()).extracting(Series::name)
                .containsExactly("HttpClient-#-SelectorManager", "worker-#");
        // Selector threads start at 5, 25, 45, 65, 85 s; buckets are 20 s wide.
        assertThat(t.threadsAlive().get(0).values()).containsExactly(1, 2, 3, 4, 5);
        assertThat(t.threadsAlive().get(1).values()).containsExactly(4, 4, 4, 4, 4);
    }

    @Test
    void bucketBoundariesSpanTheRecordingExactly() {
        Timeline t = TimelineSeries.compute(SyntheticService.input(), 3);
        assertThat(t.bucketStart(0)).isEqualTo(SyntheticService.START);
        assertThat(t.bucketStart(3)).isEqualTo(SyntheticService.END);
        assertThat(t.bucketStart(1)).isEqualTo(SyntheticService.START.plusNanos(33_333_333_333L));
    }

    @Test
    void rejectsFewerThanOneBucketNamingTheOption() {
        assertThatThrownBy(() -> TimelineSeries.compute(SyntheticService.input(), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--buckets must be at least 1, was 0");
    }

    @Test
    void rejectsAResponseThatFinishesBeforeItOpens() {
        assertThatThrownBy(() -> new ResponseSpan(at(2), at(1), "g", false, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("before it opened");
    }
}
