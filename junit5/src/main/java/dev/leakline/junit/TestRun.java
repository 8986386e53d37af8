package dev.leakline.junit;

import dev.leakline.jfr.Leakline;
import java.time.Instant;
import java.util.Set;

/** One execution of one test, from just before its {@code @BeforeEach} methods to just after its {@code @AfterEach}. */
final class TestRun {
    private final long id;
    private final long threadId;
    private final Instant readFrom;
    private final Settings settings;
    private final Set<Long> threadsBefore;
    private final long responsesOpenedBefore;
    private volatile boolean overlapped;

    TestRun(long id, long threadId, Instant readFrom, Settings settings, Set<Long> threadsBefore,
            long responsesOpenedBefore) {
        this.id = id;
        this.responsesOpenedBefore = responsesOpenedBefore;
        this.threadId = threadId;
        this.readFrom = readFrom;
        this.settings = settings;
        this.threadsBefore = threadsBefore;
    }

    long id() {
        return id;
    }

    /** The thread that ran the test's callbacks, and with them the test (unless it moved to another thread itself). */
    long threadId() {
        return threadId;
    }

    /** A wall-clock instant before the test's begin marker: where reads of the recording start. */
    Instant readFrom() {
        return readFrom;
    }

    Settings settings() {
        return settings;
    }

    /** Ids of the threads alive when the test began; empty when threads are not checked. */
    Set<Long> threadsBefore() {
        return threadsBefore;
    }

    /**
     * Whether no tracked response was opened anywhere in the JVM since the test began: then there is
     * nothing to attribute and the recording need not be read (reading it is what a check costs).
     */
    boolean openedNoResponse() {
        return Leakline.responsesOpened() == responsesOpenedBefore;
    }

    /** Whether another checked test ran at any moment of this one (JUnit parallel execution). */
    boolean overlapped() {
        return overlapped;
    }

    void markOverlapped() {
        overlapped = true;
    }
}
