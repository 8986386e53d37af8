package dev.leakline.junit;

import dev.leakline.jfr.Leakline;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jfr.Recording;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The one recording of a test run: started when the first checked test begins, closed with JUnit's root
 * context. It also knows which checked tests are running, so that each test knows whether it ran alone
 * (then every response opened in its window is its own) or alongside others.
 */
final class RunRecorder implements ExtensionContext.Store.CloseableResource {
    /** Long enough for any one test; chunks older than this are deleted from the repository. */
    private static final Duration MAX_AGE = Duration.ofMinutes(10);
    private static final long MAX_SIZE = 64L * 1024 * 1024;

    private final Recording recording;
    private final AtomicLong nextRun = new AtomicLong();
    private final Set<TestRun> running = new HashSet<>(); // guarded by this

    private RunRecorder(Recording recording) {
        this.recording = recording;
    }

    static RunRecorder start() {
        Recording recording = new Recording();
        recording.setName("Leakline JUnit");
        // An asynchronous request's start: its stack is the test's line, and its thread is the test's, which is what
        // attributes the response to the test in parallel runs (the response opens on a shared client thread).
        recording.enable("leakline.RequestStarted").withStackTrace();
        recording.enable("leakline.ResponseOpened").withStackTrace();
        recording.enable("leakline.ResponseDrained").withoutStackTrace();
        recording.enable("leakline.ResponseClosed").withoutStackTrace();
        // The release tells the engine what became of the connection, which decides some verdicts.
        recording.enable("leakline.ConnectionReleased").withoutStackTrace();
        recording.enable("jdk.ThreadStart").withStackTrace();
        recording.enable(TestBoundaryEvent.NAME).withoutStackTrace();
        recording.setToDisk(true);
        recording.setMaxAge(MAX_AGE);
        recording.setMaxSize(MAX_SIZE);
        recording.start();
        return new RunRecorder(recording);
    }

    /** Registers a test as running and marks where its window begins. Call on the test's thread. */
    TestRun begin(Settings settings, Set<Long> threadsBefore) {
        Thread current = Thread.currentThread();
        // Counted before the begin marker, so a response opened at any point of the test moves the count.
        long openedBefore = Leakline.responsesOpened();
        TestRun run = new TestRun(nextRun.incrementAndGet(), current.getId(), Instant.now(), settings, threadsBefore,
                openedBefore);
        synchronized (this) {
            for (TestRun other : running) {
                other.markOverlapped();
                run.markOverlapped();
            }
            running.add(run);
        }
        TestBoundaryEvent.commit(run.id(), false);
        return run;
    }

    /** Marks where the test's window ends. Call on the test's thread. */
    void end(TestRun run) {
        TestBoundaryEvent.commit(run.id(), true);
        synchronized (this) {
            running.remove(run);
        }
    }

    @Override
    public void close() {
        recording.close();
    }
}
