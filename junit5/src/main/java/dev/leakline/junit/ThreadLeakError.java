package dev.leakline.junit;

import java.util.List;

/**
 * A test checked with {@code @LeakCheck(threads = true)} left threads running. The message names each
 * thread and, when the recording has it, the lines that started it; the error's own stack trace is the
 * start of the first one.
 */
public final class ThreadLeakError extends AssertionError {
    private static final long serialVersionUID = 1L;

    private ThreadLeakError(String message, StackTraceElement[] start) {
        super(message);
        setStackTrace(start);
    }

    static ThreadLeakError of(List<Thread> threads, Observed observed) {
        StringBuilder message = new StringBuilder();
        StackTraceElement[] first = null;
        for (Thread thread : threads) {
            if (message.length() > 0) {
                message.append("\n");
            }
            StackTraceElement[] frames = observed.thread(thread.getId())
                    .map(started -> Frames.application(started.stack())).orElse(new StackTraceElement[0]);
            if (first == null) {
                first = frames;
            }
            message.append("Thread leaked: \"").append(thread.getName()).append('"')
                    .append(thread.isDaemon() ? " (daemon)" : "").append(", started at");
            Frames.append(message, frames);
        }
        message.append("\n\t(add a pattern to @LeakCheck(ignoreThreads) or leakline.junit.threads.ignore"
                + " for threads that are meant to outlive the test)");
        return new ThreadLeakError(message.toString(), first == null ? new StackTraceElement[0] : first);
    }
}
