package dev.leakline.agent;

import java.lang.instrument.Instrumentation;

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

    /** Entry point when started with {@code -javaagent}. */
    public static void premain(String args, Instrumentation inst) {
        start(args, inst);
    }

    /** Entry point when attached to a running JVM. */
    public static void agentmain(String args, Instrumentation inst) {
        start(args, inst);
    }

    /**
     * ByteBuddy's "safe mode" (its {@code net.bytebuddy.safe} property, relocated with it): no use of
     * {@code sun.misc.Unsafe}, which the agent does not need and which makes JDK 24+ print warnings into the
     * application's output.
     */
    static final String BYTEBUDDY_SAFE_MODE = "dev.leakline.agent.shaded.bytebuddy.safe";

    private static void start(String args, Instrumentation inst) {
        try {
            if (System.getProperty(BYTEBUDDY_SAFE_MODE) == null) {
                System.setProperty(BYTEBUDDY_SAFE_MODE, "true");
            }
            AgentOptions options = AgentOptions.parse(args, Warnings::once);
            BootstrapJar.append(inst);
            // Only now may a class that names the bridge be loaded: it must resolve to the bootstrap copy.
            Installer.install(inst, options);
        } catch (Throwable t) {
            Warnings.once("not started, the application runs without it: " + t);
        }
    }
}
