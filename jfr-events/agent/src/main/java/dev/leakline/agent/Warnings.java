package dev.leakline.agent;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent's only output: one line on stderr per distinct problem, never an exception. The application's
 * own output and start-up must not change because of the agent.
 */
final class Warnings {
    private static final Set<String> SAID = ConcurrentHashMap.newKeySet();

    private Warnings() {
    }

    /** Prints {@code message} once per JVM, prefixed with {@code leakline-agent: }. */
    static void once(String message) {
        if (SAID.add(message)) {
            try {
                System.err.println("leakline-agent: " + message);
            } catch (RuntimeException ignored) {
                // A broken stderr must not stop the application.
            }
        }
    }
}
