package dev.leakline.engine.threads;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.leakline.engine.event.Frame;
import dev.leakline.engine.event.JvmRun;
import dev.leakline.engine.event.RecordedEvent.ThreadEnded;
import dev.leakline.engine.event.RecordedEvent.ThreadSeen;
import dev.leakline.engine.event.RecordedEvent.ThreadStarted;
import dev.leakline.engine.sites.FrameFilter;

/**
 * A {@code jdk.ThreadEnd} whose thread the reader could not resolve to an id (the reader gives -1) still ends its
 * thread, matched by run and name: dropping it reports the thread alive at the end.
 */
class UnresolvedThreadEndTest {
    private static final JvmRun RUN = new JvmRun(1_000, 7);
    private static final List<Frame> STACK = List.of(new Frame("com.acme.Jobs", "start", 12));

    private static ThreadFindings finish(ThreadTracker tracker) {
        return tracker.finish(FrameFilter.withExtraPrefixes(List.of()), ThreadIgnoreList.withExtra(List.of()),
                List.of());
    }

    @Test
    void anEndWithoutAThreadIdEndsTheAliveThreadOfThatName() {
        ThreadTracker tracker = new ThreadTracker();
        tracker.accept(new ThreadStarted(RUN, 10, 41, "job-worker-1", 1, "main", STACK));
        tracker.accept(new ThreadStarted(RUN, 11, 42, "job-worker-2", 1, "main", STACK));
        tracker.accept(new ThreadEnded(RUN, 20, -1, "job-worker-1"));

        ThreadFindings found = finish(tracker);

        assertThat(found.ended()).isEqualTo(1);
        assertThat(found.aliveCount()).isEqualTo(1);
        assertThat(found.aliveAtEnd().get(0).exampleNames()).containsExactly("job-worker-2");
        assertThat(tracker.unattributedEnds()).isZero();
    }

    @Test
    void anEndOfAnotherRunOrBeforeTheStartEndsNothing() {
        ThreadTracker tracker = new ThreadTracker();
        tracker.accept(new ThreadStarted(RUN, 10, 41, "job-worker-1", 1, "main", STACK));
        tracker.accept(new ThreadEnded(new JvmRun(2_000, 8), 20, -1, "job-worker-1"));
        tracker.accept(new ThreadEnded(RUN, 5, -1, "job-worker-1"));
        tracker.accept(new ThreadEnded(RUN, 30, -1, "no-such-thread"));

        ThreadFindings found = finish(tracker);

        assertThat(found.aliveCount()).isEqualTo(1);
        assertThat(tracker.unattributedEnds()).isEqualTo(3);
    }

    @Test
    void aNamelessEndEndsAThreadOfTheKindThatEndsNotALongLivedOne() {
        ThreadTracker tracker = new ThreadTracker();
        tracker.accept(new ThreadStarted(RUN, 1, 30, "keeper-1", 1, "main", STACK));
        tracker.accept(new ThreadStarted(RUN, 10, 41, "job-worker-1", 1, "main", STACK));
        tracker.accept(new ThreadStarted(RUN, 11, 42, "job-worker-2", 1, "main", STACK));
        tracker.accept(new ThreadStarted(RUN, 12, 43, "job-worker-3", 1, "main", STACK));
        tracker.accept(new ThreadEnded(RUN, 20, 41, "job-worker-1"));
        tracker.accept(new ThreadEnded(RUN, 21, -1, null));
        tracker.accept(new ThreadEnded(RUN, 22, -1, null));

        ThreadFindings found = finish(tracker);

        assertThat(found.ended()).isEqualTo(3);
        assertThat(found.aliveCount()).isEqualTo(1);
        assertThat(found.aliveAtEnd().get(0).exampleNames()).containsExactly("keeper-1");
        assertThat(tracker.inferredEnds()).isEqualTo(2);
        assertThat(tracker.unattributedEnds()).isZero();
    }

    @Test
    void aNamelessEndIsNotGuessedAmongSeveralKindsNorCountedToAThreadSeenAfterIt() {
        ThreadTracker tracker = new ThreadTracker();
        tracker.accept(new ThreadStarted(RUN, 10, 41, "job-worker-1", 1, "main", STACK));
        tracker.accept(new ThreadStarted(RUN, 11, 51, "poller-1", 1, "main", STACK));
        tracker.accept(new ThreadEnded(RUN, 20, -1, null));
        ThreadTracker seenLater = new ThreadTracker();
        seenLater.accept(new ThreadStarted(RUN, 10, 41, "job-worker-1", 1, "main", STACK));
        seenLater.accept(new ThreadSeen(RUN, 30, 41, "job-worker-1"));
        seenLater.accept(new ThreadEnded(RUN, 20, -1, null));

        assertThat(finish(tracker).aliveCount()).isEqualTo(2);
        assertThat(tracker.unattributedEnds()).isEqualTo(1);
        assertThat(finish(seenLater).aliveCount()).isEqualTo(1);
        assertThat(seenLater.unattributedEnds()).isEqualTo(1);
        assertThat(seenLater.inferredEnds()).isZero();
    }
}
