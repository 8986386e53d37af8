package dev.leakline.analyzer.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.leakline.analyzer.timeline.Terminal;
import dev.leakline.analyzer.watch.LiveView;
import dev.leakline.analyzer.watch.TargetJvm;
import dev.leakline.analyzer.watch.Views;
import dev.leakline.analyzer.watch.Watch;
import dev.leakline.analyzer.watch.WatchException;
import dev.leakline.engine.analysis.AnalysisOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code leakline watch PID} / {@code leakline watch --jmx HOST:PORT}: responses leaking live in a running JVM. */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = {"Watches a running JVM without restarting it: starts a recording with the Leakline settings in "
                + "it (by process id through the Attach API, or over JMX), and shows about once a second the "
                + "responses outstanding per site with their ages, new leaks as they pass --min-age, the connections "
                + "held per pool and the client threads alive. The recording is closed in the target when watch "
                + "ends, also on Ctrl-C.",
                "On a terminal the screen is redrawn (colour unless NO_COLOR is set); otherwise one line per change, "
                        + "or JSON lines with --format jsonl.",
                "Exit codes: 0 nothing leaked, 1 a response is leaked at the end, 2 usage, 3 internal error, "
                        + "4 --dump could not be written, 6 the JVM could not be watched (no such process, attach "
                        + "refused, no JFR, JMX unreachable or needing credentials)."})
public final class WatchCommand implements Callable<Integer> {
    /** How to print the live view. */
    enum Format { text, jsonl }

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(arity = "0..1", paramLabel = "PID", description = "Process id of a local JVM (same user).")
    Long pid;

    @Option(names = "--jmx", paramLabel = "HOST:PORT",
            description = "Watch a JVM through its JMX agent instead (-Dcom.sun.management.jmxremote.port=PORT).")
    String jmx;

    @Option(names = "--jmx-user", paramLabel = "USER",
            description = "JMX user; the password is read from the environment variable LEAKLINE_JMX_PASSWORD.")
    String jmxUser;

    @Option(names = "--min-age", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
            description = "A response unfinished for longer than this is leaked. Default: ${DEFAULT-VALUE}.")
    Duration minAge;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Stop after this long (default: until Ctrl-C).")
    Duration duration;

    @Option(names = "--until-leak", description = "Stop at the first leaked response (exit 1).")
    boolean untilLeak;

    @Option(names = "--dump", paramLabel = "FILE",
            description = "At the end, write what was recorded as a .jfr file (via a temporary file, renamed).")
    Path dump;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (a screen on a terminal, else one line per change) or jsonl (one JSON object per "
                    + "change). Default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(names = "--agent", paramLabel = "JAR", arity = "0..1", fallbackValue = "",
            description = "First load the Leakline agent into the JVM (Attach API), so clients it already holds are "
                    + "tracked from then on. JAR defaults to leakline-agent.jar next to leakline.jar, else "
                    + "jfr-events/agent/target/leakline-agent.jar.")
    String agent;

    @Option(names = "--skip-frames", paramLabel = "PREFIX",
            description = "A package prefix whose frames are not your code (repeatable).")
    List<String> skipFrames = new ArrayList<>();

    @Option(names = "--app-package", paramLabel = "PREFIX",
            description = "A package prefix of your own code (repeatable): the first frame in it is the leak site, "
                    + "even after library frames. Default: the package of the JVM's main class.")
    List<String> appPackages = new ArrayList<>();

    @Option(names = "--ignore-thread", paramLabel = "PATTERN",
            description = "A thread name glob on the digit-folded name (repeatable).")
    List<String> ignoreThreads = new ArrayList<>();

    /** Whether Ctrl-C ends the process with the watch's exit code; false when tests run the command in-process. */
    static volatile boolean haltOnSignal;

    @Override
    public Integer call() throws WatchException {
        if ((pid == null) == (jmx == null)) {
            throw new ParameterException(spec.commandLine(), pid == null
                    ? "give the process id of a local JVM (leakline watch PID) or --jmx HOST:PORT"
                    : "give either a process id or --jmx HOST:PORT, not both");
        }
        if (agent != null && jmx != null) {
            throw new ParameterException(spec.commandLine(), "--agent needs a local process id (the Attach API); it "
                    + "cannot load an agent over JMX");
        }
        if (duration != null && (duration.isZero() || duration.isNegative())) {
            throw new ParameterException(spec.commandLine(), "--duration must be positive, was " + duration);
        }
        if (dump != null) {
            Path dir = dump.toAbsolutePath().getParent();
            if (dir == null || !Files.isDirectory(dir) || !Files.isWritable(dir)) {
                throw new ParameterException(spec.commandLine(), "--dump " + dump + ": the directory " + dir
                        + " does not exist or is not writable");
            }
        }
        TargetJvm target = pid != null ? TargetJvm.attach(pid, agent == null ? null : agentJar(agent))
                : TargetJvm.jmx(jmx, jmxUser, jmxUser == null ? null : System.getenv("LEAKLINE_JMX_PASSWORD"));
        LiveView view = Views.choose(spec.commandLine().getOut(), format == Format.jsonl, Terminal.isInteractive(),
                System.getenv());
        Watch.Options options = new Watch.Options(new AnalysisOptions(minAge, skipFrames, ignoreThreads, false,
                appPackages),
                duration, untilLeak, dump);
        return new Watch().run(target, options, view, spec.commandLine().getErr(), haltOnSignal);
    }

    /** The agent jar: as given, else next to the running leakline.jar, else where the build puts it. */
    static Path agentJar(String given) {
        if (!given.isEmpty()) {
            return Path.of(given);
        }
        try {
            Path self = Path.of(WatchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(self)) {
                Path next = self.resolveSibling("leakline-agent.jar");
                if (Files.isRegularFile(next)) {
                    return next;
                }
            }
        } catch (java.net.URISyntaxException | RuntimeException e) {
            // fall through to the build's path
        }
        return Path.of("jfr-events", "agent", "target", "leakline-agent.jar");
    }
}
