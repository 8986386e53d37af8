package dev.leakline.analyzer.watch;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.RuntimeMXBean;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.management.MBeanServerConnection;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;

import dev.leakline.analyzer.cli.ExitCodes;
import dev.leakline.engine.event.JvmRun;

/**
 * A JVM to watch, reached over JMX: a local one by process id through the Attach API (which starts the JDK's local
 * management agent in it, bound to the loopback interface), or a remote one at {@code HOST:PORT}. Every way it can
 * fail is a {@link WatchException} with one line that says what to do.
 */
public final class TargetJvm implements AutoCloseable {
    /** The name under which a JVM with JDK Flight Recorder registers its management bean. */
    static final String FLIGHT_RECORDER_BEAN = "jdk.management.jfr:type=FlightRecorder";
    private static final long CONNECT_TIMEOUT_SECONDS = 20;
    private static final long PROBE_SECONDS = 10;

    private final String description;
    private final JMXConnector connector;
    private final MBeanServerConnection connection;
    private final JvmRun run;
    private final long clockOffsetNanos;
    private final String javaVersion;
    private final long localPid;

    private TargetJvm(String description, JMXConnector connector, boolean sameClock) throws WatchException {
        this.description = description;
        this.localPid = sameClock ? Long.parseLong(description.substring("pid ".length())) : -1;
        this.connector = connector;
        try {
            this.connection = connector.getMBeanServerConnection();
            if (!connection.isRegistered(new ObjectName(FLIGHT_RECORDER_BEAN))) {
                throw new WatchException(description + " has no JDK Flight Recorder (no " + FLIGHT_RECORDER_BEAN
                        + " bean): watch needs a JDK 16 or later with the jdk.jfr and jdk.management.jfr modules",
                        ExitCodes.CANNOT_WATCH, null);
            }
            RuntimeMXBean runtime = ManagementFactory.newPlatformMXBeanProxy(connection,
                    ManagementFactory.RUNTIME_MXBEAN_NAME, RuntimeMXBean.class);
            long before = System.currentTimeMillis();
            long start = runtime.getStartTime();
            long uptime = runtime.getUptime();
            long after = System.currentTimeMillis();
            // Ages are measured on the target's clock, as its events are stamped. A local JVM shares ours; a remote
            // one's is estimated from its start plus uptime, read within one round trip.
            this.clockOffsetNanos = sameClock ? 0 : ((start + uptime) - (before + after) / 2) * 1_000_000L;
            this.run = new JvmRun(start, runtime.getPid());
            this.javaVersion = runtime.getSpecVersion();
        } catch (IOException | MalformedObjectNameException | RuntimeException e) {
            closeQuietly(connector);
            throw new WatchException("cannot read " + description + " over JMX: " + e, ExitCodes.CANNOT_WATCH, e);
        } catch (WatchException e) {
            closeQuietly(connector);
            throw e;
        }
    }

    /**
     * Attaches to a local JVM by process id, optionally loads an agent into it, and connects to its local management
     * agent.
     *
     * @param agentJar a Java agent jar to load first ({@code Agent-Class}), null for none
     */
    public static TargetJvm attach(long pid, Path agentJar) throws WatchException {
        String name = "pid " + pid;
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            throw new WatchException(name + ": no such process", ExitCodes.CANNOT_WATCH, null);
        }
        if (pid == ProcessHandle.current().pid()) {
            throw new WatchException(name + " is leakline itself; give the process id of the JVM to watch",
                    ExitCodes.CANNOT_WATCH, null);
        }
        if (agentJar != null && !Files.isRegularFile(agentJar)) {
            throw new WatchException("--agent: " + agentJar.toAbsolutePath() + ": no such file (build it with"
                    + " ./mvnw -B -pl jfr-events/agent -am package, or give its path with --agent=JAR)",
                    ExitCodes.CANNOT_WATCH, null);
        }
        VirtualMachine vm = null;
        try {
            vm = attachTo(pid, process.get());
            if (agentJar != null) {
                loadAgent(vm, agentJar, name);
            }
            String address = vm.startLocalManagementAgent();
            JMXConnector connector = connect(new JMXServiceURL(address), null, name);
            return new TargetJvm(name, connector, true);
        } catch (IOException e) {
            throw new WatchException("cannot attach to " + name + ": " + e.getMessage(), ExitCodes.CANNOT_WATCH, e);
        } finally {
            if (vm != null) {
                try {
                    vm.detach();
                } catch (IOException e) {
                    // The attach connection is gone already; nothing of ours stays in the target.
                }
            }
        }
    }

    private static VirtualMachine attachTo(long pid, ProcessHandle process) throws WatchException, IOException {
        String name = "pid " + pid;
        VirtualMachineDescriptor listed = null;
        for (VirtualMachineDescriptor d : VirtualMachine.list()) {
            if (d.id().equals(Long.toString(pid))) {
                listed = d;
            }
        }
        if (listed == null) {
            // Not among the JVMs this user can see: another user's, or not a JVM. Attaching to a process that is no
            // JVM would send it SIGQUIT, which ends most programs, so check first where the platform lets us.
            String owner = process.info().user().orElse(null);
            String me = System.getProperty("user.name");
            if (owner != null && me != null && !owner.equals(me)) {
                throw new WatchException(name + " belongs to user " + owner + ", not " + me
                        + ": the Attach API only attaches as the same user (run leakline as " + owner
                        + ", e.g. sudo -u " + owner + "), or watch it over JMX with --jmx HOST:PORT",
                        ExitCodes.CANNOT_WATCH, null);
            }
            Path maps = Path.of("/proc", Long.toString(pid), "maps");
            if (Files.isReadable(maps) && !mapsJvm(maps)) {
                throw new WatchException(name + " is not a Java virtual machine ("
                        + process.info().command().orElse("unknown command") + ")", ExitCodes.CANNOT_WATCH, null);
            }
        }
        try {
            return listed != null ? VirtualMachine.attach(listed) : VirtualMachine.attach(Long.toString(pid));
        } catch (AttachNotSupportedException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("does not support the attach mechanism")) {
                throw new WatchException(name + " refuses attach (it was started with -XX:+DisableAttachMechanism):"
                        + " restart it without that flag, or with JMX remote enabled and use --jmx HOST:PORT",
                        ExitCodes.CANNOT_WATCH, e);
            }
            throw new WatchException("cannot attach to " + name + ": " + message, ExitCodes.CANNOT_WATCH, e);
        }
    }

    private static boolean mapsJvm(Path maps) {
        try {
            return Files.readString(maps).contains("libjvm");
        } catch (IOException | RuntimeException e) {
            return true; // cannot tell: let the Attach API decide
        }
    }

    private static void loadAgent(VirtualMachine vm, Path agentJar, String name) throws WatchException {
        Path jar = agentJar.toAbsolutePath();
        try {
            vm.loadAgent(jar.toString());
        } catch (AgentLoadException | AgentInitializationException | IOException e) {
            throw new WatchException(name + " did not load the agent " + jar + ": " + e.getMessage()
                    + " (the target must allow dynamic agents; on JDK 21+ they warn unless started with"
                    + " -XX:+EnableDynamicAgentLoading)", ExitCodes.CANNOT_WATCH, e);
        }
    }

    /**
     * Connects to a remote JVM's JMX agent.
     *
     * @param hostPort {@code HOST:PORT}, {@code [IPv6]:PORT}
     * @param user     JMX user, null without authentication
     * @param password its password, null without authentication
     */
    public static TargetJvm jmx(String hostPort, String user, String password) throws WatchException {
        int colon = hostPort.lastIndexOf(':');
        String host = colon > 0 ? hostPort.substring(0, colon) : "";
        int port;
        try {
            port = colon > 0 ? Integer.parseInt(hostPort.substring(colon + 1)) : -1;
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (host.isEmpty() || port < 1 || port > 65535) {
            throw new WatchException("--jmx " + hostPort + ": expected HOST:PORT, e.g. --jmx 127.0.0.1:9010",
                    ExitCodes.BAD_INPUT, null);
        }
        String name = "JMX " + hostPort;
        JMXServiceURL url;
        try {
            url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://" + host + ":" + port + "/jmxrmi");
        } catch (IOException e) {
            throw new WatchException("--jmx " + hostPort + ": " + e.getMessage(), ExitCodes.BAD_INPUT, e);
        }
        Map<String, Object> env = new HashMap<>();
        if (user != null) {
            env.put(JMXConnector.CREDENTIALS, new String[] {user, password == null ? "" : password});
        }
        return new TargetJvm(name, connect(url, env, name), false);
    }

    /** Connects within a bounded time: an unreachable host would otherwise hang for the system's TCP timeout. */
    private static JMXConnector connect(JMXServiceURL url, Map<String, Object> env, String name)
            throws WatchException {
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "leakline-jmx-connect");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<JMXConnector> connecting = executor.submit(() -> JMXConnectorFactory.connect(url, env));
            return connecting.get(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new WatchException(name + ": no answer within " + CONNECT_TIMEOUT_SECONDS + " s (a firewall, or"
                    + " the wrong host or port)", ExitCodes.CANNOT_WATCH, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WatchException(name + ": interrupted while connecting", ExitCodes.CANNOT_WATCH, e);
        } catch (ExecutionException e) {
            throw explain(e.getCause(), name, env != null && env.containsKey(JMXConnector.CREDENTIALS));
        } finally {
            executor.shutdownNow();
        }
    }

    private static WatchException explain(Throwable failure, String name, boolean gaveCredentials) {
        if (failure instanceof SecurityException) {
            return new WatchException(name + (gaveCredentials
                    ? ": the credentials were refused (" + failure.getMessage() + ")"
                    : ": the JMX agent needs credentials: give --jmx-user USER and the password in the environment"
                            + " variable LEAKLINE_JMX_PASSWORD"), ExitCodes.CANNOT_WATCH, failure);
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return new WatchException(name + ": connection refused (is the JVM started with"
                        + " -Dcom.sun.management.jmxremote.port=PORT, and is -Djava.rmi.server.hostname an address"
                        + " this machine can reach?)", ExitCodes.CANNOT_WATCH, failure);
            }
            if (t instanceof UnknownHostException) {
                return new WatchException(name + ": unknown host " + t.getMessage(), ExitCodes.CANNOT_WATCH, failure);
            }
            if (t instanceof javax.net.ssl.SSLException) {
                return new WatchException(name + ": TLS failed (" + t.getMessage() + "); see docs/watch.md for"
                        + " connecting to a JMX agent with SSL", ExitCodes.CANNOT_WATCH, failure);
            }
        }
        return new WatchException(name + ": cannot connect (" + failure + ")", ExitCodes.CANNOT_WATCH, failure);
    }

    /** The connection to the target's platform MBean server. */
    MBeanServerConnection connection() {
        return connection;
    }

    /** The watched JVM run: its start time and process id, as its {@code jdk.JVMInformation} tells them. */
    JvmRun run() {
        return run;
    }

    /** The target's current time, estimated, in epoch nanoseconds. */
    long nowNanos() {
        return System.currentTimeMillis() * 1_000_000L + clockOffsetNanos;
    }

    /** How the target is named in messages, e.g. {@code pid 4242} or {@code JMX 127.0.0.1:9010}. */
    String description() {
        return description;
    }

    /** The target's Java specification version, e.g. {@code 17}. */
    String javaVersion() {
        return javaVersion;
    }

    /** Whether the target's Java version can serve a remote recording stream (JDK 16 and later; tested on 17). */
    boolean streamable() {
        try {
            return Integer.parseInt(javaVersion.toLowerCase(Locale.ROOT).replaceFirst("^1\\.", "")) >= 16;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    /**
     * Whether the target still answers, asked when its stream has been silent for a while: the stream itself does
     * not notice a JVM that exited (the JMX client only checks its connection every minute). A local process that
     * has ended is gone; otherwise one cheap JMX call decides, and only its failure counts (a target too busy to
     * answer within the probe's time is not declared lost).
     */
    boolean stillThere() {
        if (localPid > 0 && !ProcessHandle.of(localPid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        java.util.concurrent.CompletableFuture<Integer> probe = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return connection.getMBeanCount();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
        try {
            probe.get(PROBE_SECONDS, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException e) {
            return false;
        } catch (TimeoutException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    @Override
    public void close() {
        closeQuietly(connector);
    }

    private static void closeQuietly(JMXConnector connector) {
        try {
            connector.close();
        } catch (IOException | RuntimeException e) {
            // The target may be gone; there is nothing left to release on our side.
        }
    }
}
