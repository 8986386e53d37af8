package dev.leakline.analyzer.watch;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.leakline.analyzer.cli.LeaklineCommand;

/**
 * The real command line run in-process on a thread of its own, so a test can read its output while it watches.
 * Output goes to a {@link StringWriter} (synchronized), polled by the waits below; every wait is bounded.
 */
final class LiveCli {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();

    LiveCli(Object... args) {
        String[] strings = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            strings[i] = String.valueOf(args[i]);
        }
        Thread thread = new Thread(() -> {
            try {
                exit.complete(LeaklineCommand.create(new PrintWriter(out, true), new PrintWriter(err, true))
                        .execute(strings));
            } catch (Throwable t) {
                exit.completeExceptionally(t);
            }
        }, "leakline-watch-under-test");
        thread.setDaemon(true);
        thread.start();
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }

    List<String> lines() {
        return out().lines().toList();
    }

    /** The JSON lines printed so far (with --format jsonl). */
    List<JsonNode> json() {
        return lines().stream().map(LiveCli::parse).toList();
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (java.io.IOException e) {
            throw new AssertionError("not a JSON line: " + line, e);
        }
    }

    /** Waits until a JSON line matches, and returns it; polls often, so the time a line is seen is when it came. */
    JsonNode awaitJson(Predicate<JsonNode> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int checked = 0;
        while (System.nanoTime() - deadline < 0) {
            List<String> lines = lines();
            for (; checked < lines.size(); checked++) {
                JsonNode line = parse(lines.get(checked));
                if (match.test(line)) {
                    return line;
                }
            }
            if (exit.isDone() && checked == lines().size()) {
                break;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no matching line within " + timeout + "; out:\n" + out() + "\nerr:\n" + err());
    }

    /** Waits until a JSON line of this type appears. */
    JsonNode awaitType(String type, Duration timeout) throws InterruptedException {
        return awaitJson(j -> type.equals(j.path("type").asText()), timeout);
    }

    /** Waits (bounded) for the command to end and returns its exit code. */
    int awaitExit(Duration timeout) throws Exception {
        try {
            return exit.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("watch did not end within " + timeout + "; out:\n" + out() + "\nerr:\n" + err());
        }
    }
}
