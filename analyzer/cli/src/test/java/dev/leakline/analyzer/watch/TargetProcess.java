package dev.leakline.analyzer.watch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link WatchTarget} in a child JVM: started without any recording or agent, driven line by line. Public for the
 * distribution's {@code watch --agent} test (dist/, through this module's test jar).
 */
public final class TargetProcess implements AutoCloseable {
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final PrintWriter commands;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuilder log = new StringBuilder();
    private final int port;

    /** Starts a {@link WatchTarget} with these extra JVM options and waits (bounded) until it serves. */
    public TargetProcess(String... jvmOptions) throws IOException, InterruptedException {
        this(WatchTarget.class, System.getProperty("java.class.path"), jvmOptions);
    }

    /** Starts {@code main} on this class path with these extra JVM options and waits (bounded) until it serves. */
    public TargetProcess(Class<?> main, String classPath, String... jvmOptions)
            throws IOException, InterruptedException {
        this(java(), main, classPath, jvmOptions);
    }

    /** As above, with another {@code java} launcher (a runtime image without some modules). */
    public TargetProcess(String java, Class<?> main, String classPath, String... jvmOptions)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", classPath, main.getName()));
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    synchronized (log) {
                        log.append(line).append('\n');
                    }
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "target-output");
        reader.setDaemon(true);
        reader.start();
        String ready = next("ready ");
        port = Integer.parseInt(ready.substring("ready ".length()).trim());
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public long pid() {
        return process.pid();
    }

    int port() {
        return port;
    }

    /** Sends one command and waits (bounded) until the target says it is done. */
    public void run(String command) throws InterruptedException {
        commands.println(command);
        next("done " + command);
    }

    private String next(String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + COMMAND_TIMEOUT.toNanos();
        while (true) {
            String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("the target did not print '" + prefix + "' within " + COMMAND_TIMEOUT
                        + "; its output:\n" + log());
            }
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    public String log() {
        synchronized (log) {
            return log.toString();
        }
    }

    /** The status of a GET to the target's own server: it must keep serving after watch has gone. */
    public int getData() throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/data"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** What {@code jcmd PID JFR.check} prints: the recordings running in the target. */
    public String jfrCheck() throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid()), "JFR.check").redirectErrorStream(true).start();
        String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!jcmd.waitFor(30, TimeUnit.SECONDS)) {
            jcmd.destroyForcibly();
            throw new AssertionError("jcmd JFR.check did not end within 30 s");
        }
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        commands.println("exit");
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
