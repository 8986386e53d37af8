package dev.leakline.agent;

import java.lang.instrument.Instrumentation;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code -javaagent:leakline-agent.jar[=options]}: Leakline's events for the HTTP clients of an application
 * that has no Leakline code. See {@code docs/agent.md} for the options and what is instrumented.
 *
 * <p>Never stops the application: any failure here is one line on stderr and the application runs on
 * without Leakline.
 */
public final class LeaklineAgent {
    private LeaklineAgent() {
    }

    /**
     * Entry point when started with {@code -javaagent}. Nothing heavy happens here: ByteBuddy and the bridge are
     * set up when the first client class loads ({@link FirstLoad}), unless one is loaded already.
     */
    public static void premain(String args, Instrumentation inst) {
        start(args, inst, false);
    }

    /** Entry point when attached to a running JVM: the clients' classes are mostly loaded, so everything now. */
    public static void agentmain(String args, Instrumentation inst) {
        start(args, inst, true);
    }

    /**
     * ByteBuddy's "safe mode" (its {@code net.bytebuddy.safe} property, relocated with it): no use of
     * {@code sun.misc.Unsafe}, which the agent does not need and which makes JDK 24+ print warnings into the
     * application's output.
     */
    static final String BYTEBUDDY_SAFE_MODE = "dev.leakline.agent.shaded.bytebuddy.safe";

    private static void start(String args, Instrumentation inst, boolean now) {
        try {
            if (System.getProperty(BYTEBUDDY_SAFE_MODE) == null) {
                System.setProperty(BYTEBUDDY_SAFE_MODE, "true");
            }
            AgentOptions options = AgentOptions.parse(args, Warnings::once);
            List<String> types = Targets.types(options);
            if (types.isEmpty()) {
                return;
            }
            if (now || anyLoaded(inst, types)) {
                BootstrapJar.append(inst);
                // Only now may a class that names the bridge be loaded: it must resolve to the bootstrap copy.
                Installer.installNow(inst, options, types);
            } else {
                inst.addTransformer(new FirstLoad(inst, options, types), false);
            }
        } catch (Throwable t) {
            Warnings.once("not started, the application runs without it: " + t);
        }
    }

    /** Whether a class to instrument is loaded already (then it must be retransformed, which needs ByteBuddy now). */
    private static boolean anyLoaded(Instrumentation inst, List<String> types) {
        Set<String> wanted = new HashSet<>(types);
        for (Class<?> c : inst.getAllLoadedClasses()) {
            if (wanted.contains(c.getName())) {
                return true;
            }
        }
        return false;
    }
}
