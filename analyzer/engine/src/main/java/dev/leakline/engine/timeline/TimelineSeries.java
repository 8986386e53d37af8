package dev.leakline.engine.timeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Computes a {@link Timeline} from responses and threads.
 *
 * <ul>
 *   <li><b>outstanding</b>: responses with {@code opened <= t < finished} (no finish: until the end);</li>
 *   <li><b>connections held</b>: distinct known connection ids among the outstanding responses, plus one per
 *       outstanding response whose connection is unknown;</li>
 *   <li><b>leaked accumulated</b>: responses with verdict leaked and {@code opened <= t};</li>
 *   <li><b>threads alive</b>: per folded name, threads with {@code start <= t < end}.</li>
 * </ul>
 *
 * Each bucket holds the maximum the count reached within it. Responses or threads that began before the recording
 * count from its first bucket on.
 */
public final class TimelineSeries {

    private TimelineSeries() {
    }

    /**
     * Computes the series.
     *
     * @param input the recording span, responses and threads
     * @param buckets how many equal slices to sample the span into, at least 1
     * @return the timeline
     * @throws IllegalArgumentException when {@code buckets} is below 1
     */
    public static Timeline compute(TimelineInput input, int buckets) {
        if (buckets < 1) {
            throw new IllegalArgumentException("--buckets must be at least 1, was " + buckets);
        }
        long start = StepSweep.nanos(input.start(), 0);
        long end = StepSweep.nanos(input.end(), 0);

        Map<String, List<ResponseSpan>> byGroup = new TreeMap<>();
        for (ResponseSpan r : input.responses()) {
            byGroup.computeIfAbsent(r.group(), g -> new ArrayList<>()).add(r);
        }
        List<GroupSeries> groups = new ArrayList<>();
        for (Map.Entry<String, List<ResponseSpan>> e : byGroup.entrySet()) {
            groups.add(group(e.getKey(), e.getValue(), start, end, buckets));
        }
        groups.sort(Comparator.comparingInt((GroupSeries g) -> -g.leakedAccumulated().last())
                .thenComparingInt(g -> -g.outstanding().peak())
                .thenComparing(GroupSeries::group));

        Map<String, StepSweep> threadSweeps = new TreeMap<>();
        for (ThreadSpan t : input.threads()) {
            threadSweeps.computeIfAbsent(t.foldedName(), n -> new StepSweep())
                    .interval(StepSweep.nanos(t.start(), StepSweep.BEFORE), StepSweep.nanos(t.end(), StepSweep.NEVER));
        }
        List<Series> threads = new ArrayList<>();
        threadSweeps.forEach((name, sweep) -> threads.add(Series.of(name, sweep.sample(start, end, buckets))));
        threads.sort(Comparator.comparingInt((Series s) -> -s.peak()).thenComparing(Series::name));

        return new Timeline(input.start(), input.end(), buckets, groups, threads);
    }

    private static GroupSeries group(String name, List<ResponseSpan> responses, long start, long end, int buckets) {
        StepSweep outstanding = new StepSweep();
        StepSweep leaked = new StepSweep();
        StepSweep held = new StepSweep();
        Map<Long, List<long[]>> byConnection = new LinkedHashMap<>();
        for (ResponseSpan r : responses) {
            long from = StepSweep.nanos(r.opened(), 0);
            long to = StepSweep.nanos(r.finished(), StepSweep.NEVER);
            outstanding.interval(from, to);
            if (r.leaked()) {
                leaked.interval(from, StepSweep.NEVER);
            }
            if (r.connectionId() == 0) {
                held.interval(from, to);
            } else {
                byConnection.computeIfAbsent(r.connectionId(), id -> new ArrayList<>()).add(new long[] {from, to});
            }
        }
        // A connection serving several outstanding responses at once (HTTP/2 streams) is one held connection:
        // merge each connection's overlapping intervals before counting.
        for (List<long[]> intervals : byConnection.values()) {
            intervals.sort(Comparator.comparingLong(iv -> iv[0]));
            long from = intervals.get(0)[0];
            long to = intervals.get(0)[1];
            for (long[] iv : intervals.subList(1, intervals.size())) {
                if (iv[0] < to) {
                    to = Math.max(to, iv[1]);
                } else {
                    held.interval(from, to);
                    from = iv[0];
                    to = iv[1];
                }
            }
            held.interval(from, to);
        }
        return new GroupSeries(name,
                Series.of("outstanding", outstanding.sample(start, end, buckets)),
                Series.of("connections held", held.sample(start, end, buckets)),
                Series.of("leaked", leaked.sample(start, end, buckets)));
    }
}
