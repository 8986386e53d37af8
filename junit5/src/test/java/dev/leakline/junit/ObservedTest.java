package dev.leakline.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakline.engine.analysis.AnalysisBuilder;
import dev.leakline.engine.analysis.AnalysisOptions;
import dev.leakline.engine.event.JvmRun;
import dev.leakline.engine.event.RecordedEvent.ThreadStarted;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which threads a test owns when it ran beside others. */
class ObservedTest {
    private static final long TEST_THREAD = 10;
    private static final Instant BEGIN = Instant.parse("2026-11-23T05:00:00Z");
    private static final JvmRun RUN = new JvmRun(0, 1);

    @Test
    void aThreadStartedByTheTestsThreadBeforeTheTestBeganIsNotTheTests() {
        // JUnit's ForkJoin worker forks the tests and, doing so, starts the pool's other workers; then it runs
        // a test itself. Those workers (and what they open) belong to the tests they run, not to this one.
        Observed observed = new Observed(new AnalysisBuilder(AnalysisOptions.defaults()).finish(List.of()), Map.of(
                11L, started(11, "ForkJoinPool-1-worker-2", TEST_THREAD, BEGIN.minusMillis(5)),
                12L, started(12, "sender", TEST_THREAD, BEGIN.plusMillis(5)),
                13L, started(13, "sender's helper", 12, BEGIN.plusMillis(9))), Map.of(), Map.of());

        assertThat(observed.descendsFrom(11, TEST_THREAD, BEGIN)).isFalse();
        assertThat(observed.descendsFrom(12, TEST_THREAD, BEGIN)).isTrue();
        assertThat(observed.descendsFrom(13, TEST_THREAD, BEGIN)).isTrue();
        assertThat(observed.descendsFrom(TEST_THREAD, TEST_THREAD, BEGIN)).isTrue();
        assertThat(observed.descendsFrom(13, TEST_THREAD, Instant.MIN)).isTrue();
    }

    private static ThreadStarted started(long id, String name, long parent, Instant at) {
        return new ThreadStarted(RUN, EventRecords.nanos(at), id, name, parent, "parent", List.of());
    }
}
