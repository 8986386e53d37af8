package dev.leakline.analyzer.timeline;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether a person is watching: decides progress bars and colour. */
public final class Terminal {

    private Terminal() {
    }

    /**
     * True when the JVM is attached to an interactive terminal. On JDK 22 and later {@code System.console()} is
     * non-null even when output is piped, so {@code Console.isTerminal()} (looked up reflectively: the analyzer is
     * compiled for 17) decides there.
     */
    public static boolean isInteractive() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
