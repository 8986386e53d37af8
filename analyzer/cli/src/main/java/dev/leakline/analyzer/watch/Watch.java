package dev.leakline.analyzer.watch;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.leakline.analyzer.cli.ExitCodes;
import dev.leakline.analyzer.report.TerminalLines;
import dev.leakline.engine.analysis.AnalysisBuilder;
import dev.leakline.engine.analysis.AnalysisOptions;
import jdk.management.jfr.RemoteRecordingStream;

/**
 * One watch of one JVM: starts a recording with the Leakline settings in it ({@link RemoteRecordingStream}, which
 * creates the recording through the target's {@code FlightRecorderMXBean} and copies its chunks here as they are
 * written), feeds the events to the verdict engine, shows a snapshot of the verdicts about once a second, and stops.
 * Whatever ends it (the duration, the first leak, Ctrl-C, the target going away), the recording it started in the
 * target is closed before it returns, so nothing of Leakline's keeps recording there.
 */
public final class Watch {
    /** How often the view is refreshed. */
    static final Duration REFRESH = Duration.ofSeconds(1);
    /** How long Ctrl-C waits for the recording in the target to be closed (and the dump written). */
    private static final long SHUTDOWN_WAIT_SECONDS = 30;
    /** How long the end waits for the target's flush that covers it (it flushes about once a second). */
    private static final Duration FINAL_FLUSH_WAIT = Duration.ofSeconds(5);
    /** A target that flushes nothing for this long is asked whether it is still there. */
    private static final Duration SILENCE = Duration.ofSeconds(3);
    private static final String FLUSHED = "flushed";
    private static final String STOP = "stop";

    /**
     * What to watch for.
     *
     * @param duration  stop after this long, null to run until Ctrl-C
     * @param untilLeak stop at the first leak
     * @param dump      write what was recorded to this .jfr file at the end, null for none
     */
    public record Options(AnalysisOptions analysis, Duration duration, boolean untilLeak, Path dump) {
    }

    /** Wakes the view: a flush brought events ({@code FLUSHED}), or the watch must end ({@code STOP}). */
    private final BlockingQueue<String> wake = new LinkedBlockingQueue<>();
    private volatile boolean stopping;
    private volatile boolean lost;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicReference<String> stopReason = new AtomicReference<>();
    private volatile int exitCode = ExitCodes.NO_LEAK;

    /**
     * Watches until one of the options ends it, and returns the exit code: 1 when a response is leaked at the end,
     * else 0 ({@link ExitCodes#CANNOT_WRITE} when the dump could not be written).
     *
     * @param haltOnSignal on Ctrl-C, end the process with the watch's own exit code once the target is cleaned up
     *                     (the command line); tests running the command in-process pass false
     */
    public int run(TargetJvm target, Options options, LiveView view, PrintWriter err, boolean haltOnSignal)
            throws WatchException {
        if (!target.streamable()) {
            throw new WatchException(target.description() + " runs Java " + target.javaVersion()
                    + "; watch streams events from JDK 16 or later", ExitCodes.CANNOT_WATCH, null);
        }
        RemoteRecordingStream stream;
        try {
            stream = new RemoteRecordingStream(target.connection());
        } catch (IOException | RuntimeException e) {
            throw new WatchException("cannot start a recording in " + target.description() + ": " + e.getMessage(),
                    ExitCodes.CANNOT_WATCH, e);
        }
        Thread hook = null;
        try {
            stream.setSettings(WatchSettings.settings());
            if (options.dump() != null) {
                // Without a limit the local copy of each chunk is deleted once read; with one, chunks stay (on this
                // machine's disk, in a temporary directory) for the dump at the end.
                stream.setMaxAge(Duration.ofDays(365));
            }
            long startNanos = target.nowNanos();
            LiveFeed feed = new LiveFeed(new AnalysisBuilder(options.analysis()), target.run(), startNanos,
                    target.description());
            AtomicReference<Throwable> failure = new AtomicReference<>();
            stream.onEvent(e -> {
                try {
                    feed.onEvent(e);
                } catch (RuntimeException ex) {
                    failure.compareAndSet(null, ex); // one odd event must not end the stream
                }
            });
            stream.onFlush(() -> {
                feed.onFlush();
                wake.offer(FLUSHED); // redraw now: a leak shows as soon as the flush that proves it arrives
            });
            stream.onError(t -> {
                failure.compareAndSet(null, t);
                lost = true;
                requestStop("lost the connection to " + target.description());
            });
            stream.onClose(() -> {
                lost = true;
                requestStop("lost the connection to " + target.description());
            });
            hook = new Thread(() -> {
                requestStop("interrupted");
                try {
                    if (finished.await(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS) && haltOnSignal) {
                        err.flush();
                        Runtime.getRuntime().halt(exitCode);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "leakline-watch-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            stream.startAsync();
            view.started(new WatchInfo(target.description(), target.run().pid(), target.javaVersion(),
                    options.analysis().minAge(), startNanos));
            // nanoTime may be negative: compare differences only; "no duration" is a deadline a century away.
            long deadline = System.nanoTime() + (options.duration() == null ? Duration.ofDays(36500).toNanos()
                    : options.duration().toNanos());
            LiveState state;
            boolean outputFailed = false;
            long lastFlush = System.nanoTime();
            long lastProbe = lastFlush;
            while (true) {
                state = LiveState.of(feed.snapshot(), feed.horizonNanos());
                view.update(state);
                if (options.untilLeak() && state.leaked() > 0) {
                    requestStop("a response leaked");
                }
                if (view.outputFailed()) {
                    outputFailed = true;
                    requestStop("the output could not be written");
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    requestStop("the duration passed");
                }
                if (stopping) {
                    break;
                }
                // Redrawn at each flush (about once a second while the target flushes), else after a second.
                String woke = wake.poll(Math.min(left, REFRESH.toNanos()), TimeUnit.NANOSECONDS);
                wake.clear();
                long now = System.nanoTime();
                if (FLUSHED.equals(woke)) {
                    lastFlush = now;
                } else if (now - lastFlush > SILENCE.toNanos() && now - lastProbe > SILENCE.toNanos()) {
                    lastProbe = now;
                    if (!target.stillThere()) {
                        lost = true;
                        requestStop("lost the connection to " + target.description());
                    }
                }
            }
            // The final verdicts are as of the end of the watch, like those of its dump: wait (briefly) for the
            // flush that covers the moment it stopped.
            long stoppedAt = target.nowNanos();
            long giveUp = System.nanoTime() + FINAL_FLUSH_WAIT.toNanos();
            while (feed.horizonNanos() < stoppedAt && !lost && System.nanoTime() - giveUp < 0) {
                wake.poll(50, TimeUnit.MILLISECONDS);
            }
            int code = ExitCodes.NO_LEAK;
            if (options.dump() != null) {
                code = dump(stream, options.dump(), err);
            }
            state = LiveState.of(feed.snapshot(), feed.horizonNanos());
            if (failure.get() != null && !(failure.get() instanceof IOException)) {
                err.println("leakline: warning: " + TerminalLines.escape(String.valueOf(failure.get())));
            }
            if (feed.openedBeforeWatch() > 0) {
                err.println("leakline: " + feed.openedBeforeWatch() + " responses opened before the watch began were"
                        + " left out (their closes count as orphans)");
            }
            if (outputFailed) {
                err.println("leakline: standard output could not be written (closed?); the watch ended");
                code = ExitCodes.CANNOT_WRITE;
            }
            if (code == ExitCodes.NO_LEAK && state.leaked() > 0) {
                code = ExitCodes.LEAKS;
            }
            exitCode = code;
            view.ended(state, stopReason.get(), code);
            err.flush();
            return code;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WatchException("interrupted", ExitCodes.INTERNAL_ERROR, e);
        } finally {
            stream.close(); // closes the recording in the target (if the target is still there)
            target.close();
            finished.countDown();
            if (hook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // Shutting down (Ctrl-C): the hook is running and waits for `finished`.
                }
            }
        }
    }

    /** Ends the watch at the next refresh (or now, if it is waiting); the first reason given is kept. */
    void requestStop(String reason) {
        stopReason.compareAndSet(null, reason);
        stopping = true;
        wake.offer(STOP);
    }

    /** Writes the recording so far next to the destination, then renames it into place. */
    private static int dump(RemoteRecordingStream stream, Path destination, PrintWriter err) {
        Path target = destination.toAbsolutePath();
        Path temporary = null;
        try {
            // A name that does not exist yet: the stream writes the file itself and refuses an existing one.
            temporary = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid()
                    + "." + System.nanoTime() + ".part");
            stream.dump(temporary);
            try {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return ExitCodes.NO_LEAK;
        } catch (IOException | RuntimeException e) {
            err.println("leakline: --dump " + TerminalLines.escape(destination.toString()) + ": could not be written ("
                    + TerminalLines.escape(String.valueOf(e.getMessage())) + ")");
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // Left behind as a hidden .part file; the message above names the problem.
                }
            }
            return ExitCodes.CANNOT_WRITE;
        }
    }
}
