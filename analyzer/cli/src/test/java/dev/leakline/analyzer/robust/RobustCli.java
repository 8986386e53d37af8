package dev.leakline.analyzer.robust;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import dev.leakline.analyzer.cli.LeaklineCommand;

/**
 * Runs the real {@code leakline} command line in-process, on a daemon thread, with a time bound. Whatever escapes
 * the command (an exception, an {@link Error} such as {@link OutOfMemoryError}) or a run past the bound is captured
 * in the {@link Run} instead of thrown, so a suite can classify thousands of runs.
 */
final class RobustCli implements AutoCloseable {
    /**
     * What one run did. {@code escaped} is what left {@code execute}; {@code timedOut} means it never returned;
     * {@code logged} holds what libraries logged through {@code java.util.logging} at INFO or above, which the
     * default configuration prints on the process's stderr, beside the command's own lines.
     */
    record Run(int exitCode, String out, String err, Throwable escaped, boolean timedOut, List<String> logged) {
    }

    /** Collects log records of the whole JVM; the runs are sequential, so each run drains what it caused. */
    private static final class Captured extends Handler {
        /** Kept per run; a parser can log once per event, and the suite runs in a small heap. */
        private static final int KEEP = 5;
        private final List<String> records = new ArrayList<>();
        private long count;

        @Override
        public synchronized void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.INFO.intValue()) {
                count++;
                if (records.size() < KEEP) {
                    records.add(record.getLevel() + " " + record.getLoggerName() + " (thread "
                            + Thread.currentThread().getName() + "): " + record.getMessage());
                }
            }
        }

        /** The first few records since the last drain, and a line with the total if there were more. */
        synchronized List<String> drain() {
            List<String> copy = new ArrayList<>(records);
            if (count > records.size()) {
                copy.add("... " + count + " records in all");
            }
            records.clear();
            count = 0;
            return List.copyOf(copy);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    private final Captured captured = new Captured();
    /** Held so its settings stay: after a hung case its threads log without end (millions of lines a minute). */
    private static final Logger JMC = Logger.getLogger("org.openjdk.jmc");
    private final Handler[] consoleHandlers;
    private boolean anyTimedOut;

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "leakline-robust-case");
        t.setDaemon(true); // a hung case must not keep the test JVM alive
        return t;
    });
    private final Duration bound;

    RobustCli(Duration bound) {
        this.bound = bound;
        // While cases run, log records are captured (and judged), not printed.
        Logger root = Logger.getLogger("");
        consoleHandlers = root.getHandlers();
        for (Handler h : consoleHandlers) {
            root.removeHandler(h);
        }
        root.addHandler(captured);
    }

    Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Future<Integer> exit = executor.submit(
                () -> LeaklineCommand.create(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args));
        try {
            int code = exit.get(bound.toMillis(), TimeUnit.MILLISECONDS);
            return new Run(code, out.toString(), err.toString(), null, false, captured.drain());
        } catch (TimeoutException e) {
            exit.cancel(true);
            anyTimedOut = true;
            return new Run(-1, out.toString(), err.toString(), null, true, captured.drain());
        } catch (ExecutionException e) {
            return new Run(-1, out.toString(), err.toString(), e.getCause(), false, captured.drain());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the analyzer", e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        Logger root = Logger.getLogger("");
        root.removeHandler(captured);
        for (Handler h : consoleHandlers) {
            root.addHandler(h);
        }
        if (anyTimedOut) {
            JMC.setUseParentHandlers(false); // the hung case's threads still run; keep the build log readable
        }
    }
}
