package dev.leakline.engine.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The per-bucket count of never-ending intervals gives what {@link StepSweep} gives for the same intervals. */
class OpenEndedSeriesTest {
    @Test
    void countsEachIntervalFromTheBucketItBeginsInOrBefore() {
        // Buckets [100, 125), [125, 150), [150, 175), [175, 200].
        OpenEndedSeries series = new OpenEndedSeries(100, 200, 4);
        for (long from : new long[] {50, 100, 125, 130, 200, 201, StepSweep.NEVER}) {
            series.add(from);
        }
        // 50 and 100 from the first bucket, 125 and 130 from the second, 200 in the last (its end is inclusive), 201
        // and never not at all.
        assertThat(series.sample()).containsExactly(2, 4, 4, 5);
    }

    @Test
    void agreesWithTheStepSweepOverRandomGrids() {
        SplittableRandom random = new SplittableRandom(5);
        for (int round = 0; round < 300; round++) {
            long start = random.nextLong(1L << 50);
            // Spans from 0 (one instant) to more nanoseconds than buckets and fewer (buckets of no width).
            long span = round % 10 == 0 ? 0 : random.nextLong(round % 3 == 0 ? 40 : 1_000_000);
            int buckets = 1 + random.nextInt(70);
            OpenEndedSeries series = new OpenEndedSeries(start, start + span, buckets);
            StepSweep reference = new StepSweep();
            for (int i = 0; i < 200; i++) {
                long from = random.nextInt(8) == 0
                        ? start + Buckets.offsetNanos(span, random.nextInt(buckets + 1), buckets) // on a boundary
                        : start - 5 + random.nextLong(span + 10);
                series.add(from);
                reference.interval(from, StepSweep.NEVER);
            }
            assertThat(series.sample()).as("round %d", round).containsExactly(reference.sample(start, start + span,
                    buckets));
        }
    }
}
