package dev.leakline.analyzer.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.leakline.analyzer.Cli;

/** Each way watch cannot watch is one line on stderr and a documented exit code; nothing goes to stdout. */
class WatchErrorsTest {
    @TempDir
    Path dir;

    @Test
    void noSuchProcess() throws Exception {
        Process ended = new ProcessBuilder(TargetProcess.java(), "-version").redirectErrorStream(true).start();
        ended.getInputStream().readAllBytes();
        assertThat(ended.waitFor(30, TimeUnit.SECONDS)).isTrue();

        Cli.Result result = Cli.run("watch", ended.pid());

        assertThat(result.exitCode()).isEqualTo(6);
        assertThat(result.err()).isEqualTo("leakline: pid " + ended.pid() + ": no such process\n");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void aJvmStartedWithDisableAttachMechanismRefusesAttach() throws Exception {
        try (TargetProcess target = new TargetProcess("-XX:+DisableAttachMechanism")) {
            Cli.Result result = Cli.run("watch", target.pid());

            assertThat(result.exitCode()).isEqualTo(6);
            assertThat(result.err()).isEqualTo("leakline: pid " + target.pid() + " refuses attach (it was started"
                    + " with -XX:+DisableAttachMechanism): restart it without that flag, or with JMX remote enabled"
                    + " and use --jmx HOST:PORT\n");
            assertThat(result.out()).isEmpty();
            assertThat(target.getData()).isEqualTo(200);
        }
    }

    @Test
    void aProcessThatIsNoJvmIsNotAttached() throws Exception {
        Process sleep = new ProcessBuilder("sleep", "60").start();
        try {
            Cli.Result result = Cli.run("watch", sleep.pid());

            assertThat(result.exitCode()).isEqualTo(6);
            assertThat(result.err()).startsWith("leakline: pid " + sleep.pid() + " is not a Java virtual machine (");
            assertThat(sleep.isAlive()).as("not sent SIGQUIT").isTrue();
        } finally {
            sleep.destroy();
            sleep.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aJvmWithoutFlightRecorder() throws Exception {
        // A runtime image with what the target needs (HTTP, JMX and its local agent) and no jdk.jfr at all.
        Path image = dir.resolve("no-jfr");
        Process jlink = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jlink").toString(),
                "--add-modules", "java.base,java.management,java.management.rmi,jdk.management.agent,java.net.http,"
                        + "jdk.httpserver", "--no-header-files", "--no-man-pages", "--output", image.toString())
                .redirectErrorStream(true).start();
        String jlinkOut = new String(jlink.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(jlink.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(jlink.exitValue()).as(jlinkOut).isZero();
        Path ownClassOnly = Path.of(PlainTarget.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (TargetProcess target = new TargetProcess(image.resolve("bin").resolve("java").toString(),
                PlainTarget.class, ownClassOnly.toString())) {
            Cli.Result result = Cli.run("watch", target.pid());

            assertThat(result.exitCode()).isEqualTo(6);
            assertThat(result.err()).isEqualTo("leakline: pid " + target.pid() + " has no JDK Flight Recorder (no"
                    + " jdk.management.jfr:type=FlightRecorder bean): watch needs a JDK 16 or later with the jdk.jfr"
                    + " and jdk.management.jfr modules\n");
            assertThat(target.getData()).isEqualTo(200);
        }
    }

    @Test
    void jmxWithNothingListening() throws Exception {
        int port = WatchCommandTest.freePort();

        Cli.Result result = Cli.run("watch", "--jmx", "127.0.0.1:" + port);

        assertThat(result.exitCode()).isEqualTo(6);
        assertThat(result.err()).isEqualTo("leakline: JMX 127.0.0.1:" + port + ": connection refused (is the JVM"
                + " started with -Dcom.sun.management.jmxremote.port=PORT, and is -Djava.rmi.server.hostname an"
                + " address this machine can reach?)\n");
    }

    @Test
    void jmxThatNeedsCredentials() throws Exception {
        Path password = dir.resolve("jmxremote.password");
        Files.writeString(password, "watcher s3cret\n");
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
        Path access = dir.resolve("jmxremote.access");
        Files.writeString(access, "watcher readwrite\n");
        int port = WatchCommandTest.freePort();
        try (TargetProcess target = new TargetProcess("-Dcom.sun.management.jmxremote.port=" + port,
                "-Dcom.sun.management.jmxremote.rmi.port=" + port,
                "-Dcom.sun.management.jmxremote.authenticate=true",
                "-Dcom.sun.management.jmxremote.password.file=" + password,
                "-Dcom.sun.management.jmxremote.access.file=" + access,
                "-Dcom.sun.management.jmxremote.ssl=false", "-Dcom.sun.management.jmxremote.host=127.0.0.1",
                "-Djava.rmi.server.hostname=127.0.0.1")) {
            Cli.Result anonymous = Cli.run("watch", "--jmx", "127.0.0.1:" + port);
            Cli.Result wrongUser = Cli.run("watch", "--jmx", "127.0.0.1:" + port, "--jmx-user", "nobody");

            assertThat(anonymous.exitCode()).isEqualTo(6);
            assertThat(anonymous.err()).isEqualTo("leakline: JMX 127.0.0.1:" + port + ": the JMX agent needs"
                    + " credentials: give --jmx-user USER and the password in the environment variable"
                    + " LEAKLINE_JMX_PASSWORD\n");
            assertThat(wrongUser.exitCode()).isEqualTo(6);
            assertThat(wrongUser.err()).startsWith("leakline: JMX 127.0.0.1:" + port
                    + ": the credentials were refused (");
            assertThat(target.jfrCheck()).contains("No available recordings");
        }
    }

    @Test
    void usageErrorsExitTwo() {
        Cli.Result neither = Cli.run("watch");
        Cli.Result both = Cli.run("watch", "1", "--jmx", "127.0.0.1:9");
        Cli.Result agentOverJmx = Cli.run("watch", "--jmx", "127.0.0.1:9", "--agent");
        Cli.Result badHostPort = Cli.run("watch", "--jmx", "127.0.0.1");
        Cli.Result noDumpDir = Cli.run("watch", "1", "--dump", dir.resolve("missing/watch.jfr"));

        assertThat(neither.exitCode()).isEqualTo(2);
        assertThat(neither.err()).startsWith("leakline: give the process id of a local JVM (leakline watch PID) or"
                + " --jmx HOST:PORT");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).startsWith("leakline: give either a process id or --jmx HOST:PORT, not both");
        assertThat(agentOverJmx.exitCode()).isEqualTo(2);
        assertThat(agentOverJmx.err()).startsWith("leakline: --agent needs a local process id");
        assertThat(badHostPort.exitCode()).isEqualTo(2);
        assertThat(badHostPort.err()).isEqualTo("leakline: --jmx 127.0.0.1: expected HOST:PORT, e.g. --jmx"
                + " 127.0.0.1:9010\n");
        assertThat(noDumpDir.exitCode()).isEqualTo(2);
        assertThat(noDumpDir.err()).startsWith("leakline: --dump " + dir.resolve("missing/watch.jfr")
                + ": the directory " + dir.resolve("missing") + " does not exist or is not writable");
    }

    @Test
    void aMissingAgentJarIsOneLine() throws Exception {
        try (TargetProcess target = new TargetProcess()) {
            Path jar = dir.resolve("leakline-agent.jar");

            Cli.Result result = Cli.run("watch", target.pid(), "--agent=" + jar);

            assertThat(result.exitCode()).isEqualTo(6);
            assertThat(result.err()).startsWith("leakline: --agent: " + jar + ": no such file");
            assertThat(target.getData()).isEqualTo(200);
        }
    }
}
