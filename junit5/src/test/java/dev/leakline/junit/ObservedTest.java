package dev.leakline.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which threads a test owns when it ran beside others. */
class ObservedTest {
    private static final long TEST_THREAD = 10;
    private static final Instant BEGIN = Instant.parse("2026-11-23T05:00:00Z");

    @Test
    void aThreadStartedByTheTestsThreadBeforeTheTestBeganIsNotTheTests() {
        // JUnit's ForkJoin worker forks the tests and, doing so, starts the pool's other workers; then it runs
        // a test itself. Those workers (and what they open) belong to the tests they run, not to this one.
        Observed observed = new Observed();
        observed.threadStarted(new StartedThread(11, "ForkJoinPool-1-worker-2", TEST_THREAD, BEGIN.minusMillis(5), List.of()));
        observed.threadStarted(new StartedThread(12, "sender", TEST_THREAD, BEGIN.plusMillis(5), List.of()));
        observed.threadStarted(new StartedThread(13, "sender's helper", 12, BEGIN.plusMillis(9), List.of()));

        assertThat(observed.descendsFrom(11, TEST_THREAD, BEGIN)).isFalse();
        assertThat(observed.descendsFrom(12, TEST_THREAD, BEGIN)).isTrue();
        assertThat(observed.descendsFrom(13, TEST_THREAD, BEGIN)).isTrue();
        assertThat(observed.descendsFrom(TEST_THREAD, TEST_THREAD, BEGIN)).isTrue();
    }
}
