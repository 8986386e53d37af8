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

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.This HttpURLConnection connection,
            @Advice.Return(readOnly = false) InputStream in, @Advice.Thrown Throwable thrown) {
        JdkHooks hooks = Bridge.jdk;
        if (hooks != null) {
            if (thrown == null) {
                in = hooks.inputStream(connection, in);
            } else {
                hooks.inputStreamFailed(connection);
            }
        }
    }
}
