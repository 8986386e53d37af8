package dev.leakline.agent.jdk;

import dev.leakline.agent.bootstrap.Bridge;
import dev.leakline.agent.bootstrap.JdkHooks;
import java.io.InputStream;
import java.net.HttpURLConnection;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code HttpURLConnection.getInputStream()} of the JDK's implementation (which HTTPS
 * connections delegate to): the application gets a tracked stream; the connection object itself is never
 * replaced, so casts to {@code HttpsURLConnection} keep working. When it throws (a status of 400 or more),
 * the response is opened all the same: its error stream holds the connection.
 */
public final class InputStreamAdvice {
    private InputStreamAdvice() {
    }

    /** Whether this call is the JDK's own, nested in the application's (see {@link JdkHooks#inputStreamEntered}). */
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static int enter(@Advice.This HttpURLConnection connection) {
        JdkHooks hooks = Bridge.jdk;
        return hooks == null ? 0 : hooks.inputStreamEntered(connection);
    }

    /**
     * The JDK's {@code getInputStream()} calls {@code getResponseCode()}, which calls {@code getInputStream()} again:
     * only the outer call opens the response, so that the opening's stack trace starts at the application's call,
     * three frames shorter (JFR walks every frame: about 0.6 µs per response, bench/agent-recording-bench.sh).
     */
    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter int entered, @Advice.This HttpURLConnection connection,
            @Advice.Return(readOnly = false) InputStream in, @Advice.Thrown Throwable thrown) {
        JdkHooks hooks = Bridge.jdk;
        if (hooks != null && entered != 2) { // 2: the JDK's own nested call, left to the outer one
            hooks.inputStreamLeft(entered);
            if (thrown == null) {
                in = hooks.inputStream(connection, in);
            } else {
                hooks.inputStreamFailed(connection);
            }
        }
    }
}
