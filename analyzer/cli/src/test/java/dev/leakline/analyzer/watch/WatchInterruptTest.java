package dev.leakline.analyzer.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C: the real {@code leakline} entry point in its own JVM, ended by a signal (SIGINT, as a terminal's Ctrl-C
 * sends) while it watches. The recording it started in the target is closed, the dump is written, the exit code is
 * the verdict's, and the target keeps serving.
 */
class WatchInterruptTest {
    @TempDir
    Path dir;

    @Test
    void ctrlCClosesTheRecordingInTheTargetWritesTheDumpAndExitsWithTheVerdict() throws Exception {
        assertThat(sigintIgnored()).as("SIGINT is ignored in this JVM, and the watch's JVM would inherit that and never"
                + " see the signal: the build was started with SIGINT ignored (as a background job of a"
                + " non-interactive shell); run it in the foreground or under timeout(1)").isFalse();
        Path dump = dir.resolve("interrupted.jfr");
        try (TargetProcess target = new TargetProcess()) {
            Process watch = new ProcessBuilder(TargetProcess.java(), "-cp", System.getProperty("java.class.path"),
                    "dev.leakline.analyzer.cli.Main", "watch", Long.toString(target.pid()), "--min-age", "1s",
                    "--dump", dump.toString()).redirectError(dir.resolve("err.txt").toFile()).start();
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(watch.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        lines.add(line);
                    }
                } catch (java.io.IOException e) {
                    // ended
                }
            });
            reader.setDaemon(true);
            reader.start();
            try {
                await(lines, " watching pid " + target.pid());
                target.run("leak 1");
                await(lines, " LEAK " + WatchTarget.LEAK_SITE + ": ");
                assertThat(target.jfrCheck()).contains("Remote Recording Stream");

                new ProcessBuilder("kill", "-INT", Long.toString(watch.pid())).start().waitFor(10, TimeUnit.SECONDS);

                boolean ended = watch.waitFor(60, TimeUnit.SECONDS);
                assertThat(ended).as(() -> "watch ended after SIGINT; its stderr:\n" + read(dir.resolve("err.txt"))
                        + "\nits threads:\n" + threads(watch.pid())).isTrue();
                assertThat(watch.exitValue()).as(Files.readString(dir.resolve("err.txt"))).isEqualTo(1);
                reader.join(10_000);
                List<String> rest = List.copyOf(lines);
                assertThat(rest.get(rest.size() - 1)).endsWith(" end (interrupted): 1 leaked at 1 site; 1 response:"
                        + " 1 leaked; exit 1");
                assertThat(dump).isRegularFile();
                assertThat(target.jfrCheck()).contains("No available recordings");
                assertThat(target.getData()).isEqualTo(200);
            } finally {
                watch.destroyForcibly();
                watch.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Whether this JVM was started with SIGINT ignored (Linux's {@code /proc/self/status}), which its children
     * inherit: a JVM then installs no handler for it, so Ctrl-C cannot be tested.
     */
    private static boolean sigintIgnored() throws java.io.IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16) & (1L << 1)) != 0;
            }
        }
        return false;
    }

    /** The threads of a JVM that did not end (jcmd beside the java running the tests): where the watch waited. */
    private static String threads(long pid) {
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(pid), "Thread.print").redirectErrorStream(true).start();
            String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            jcmd.waitFor(30, TimeUnit.SECONDS);
            return out;
        } catch (java.io.IOException e) {
            return "(no thread dump: " + e + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(no thread dump: interrupted)";
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    @Test
    void aClosedStandardOutputEndsTheWatchWithExitFour() throws Exception {
        try (TargetProcess target = new TargetProcess()) {
            Process watch = new ProcessBuilder(TargetProcess.java(), "-cp", System.getProperty("java.class.path"),
                    "dev.leakline.analyzer.cli.Main", "watch", Long.toString(target.pid()), "--format", "jsonl")
                    .redirectError(dir.resolve("err.txt").toFile()).start();
            try {
                BufferedReader in = new BufferedReader(new InputStreamReader(watch.getInputStream(),
                        StandardCharsets.UTF_8));
                assertThat(in.readLine()).startsWith("{\"type\":\"start\"");
                in.close(); // what `| head -1` does
                target.run("clean 2"); // a change to write

                assertThat(watch.waitFor(60, TimeUnit.SECONDS)).as("watch ended after its output closed").isTrue();
                assertThat(watch.exitValue()).isEqualTo(4);
                assertThat(Files.readString(dir.resolve("err.txt"))).isEqualTo("leakline: standard output could not"
                        + " be written (closed?); the watch ended\n");
                assertThat(target.jfrCheck()).contains("No available recordings");
            } finally {
                watch.destroyForcibly();
                watch.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static void await(BlockingQueue<String> lines, String part) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("no line containing '" + part + "' within 60 s");
            }
            if (line.contains(part)) {
                return;
            }
        }
    }
}
