package dev.leakline.agent;

/** {@link Warnings} for the agent's other packages: one line on stderr per distinct problem. */
public final class AgentWarnings {
    private AgentWarnings() {
    }

    /** Prints {@code message} once per JVM. */
    public static void once(String message) {
        Warnings.once(message);
    }
}
