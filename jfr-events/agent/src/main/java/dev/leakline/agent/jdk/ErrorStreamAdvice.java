package dev.leakline.agent.jdk;

import dev.leakline.agent.bootstrap.Bridge;
import dev.leakline.agent.bootstrap.JdkHooks;
import java.io.InputStream;
import java.net.HttpURLConnection;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code HttpURLConnection.getErrorStream()}: the application gets a tracked error stream. */
public final class ErrorStreamAdvice {
    private ErrorStreamAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This HttpURLConnection connection, @Advice.Return(readOnly = false) InputStream in) {
        JdkHooks hooks = Bridge.jdk;
        if (hooks != null && in != null) {
            in = hooks.errorStream(connection, in);
        }
    }
}
