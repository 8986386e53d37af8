package dev.leakline.agent.jdk;

import dev.leakline.agent.bootstrap.Bridge;
import dev.leakline.agent.bootstrap.JdkHooks;
import java.net.HttpURLConnection;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code HttpURLConnection.disconnect()}: an unclosed response is closed by the application. */
public final class DisconnectAdvice {
    private DisconnectAdvice() {
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.This HttpURLConnection connection) {
        JdkHooks hooks = Bridge.jdk;
        if (hooks != null) {
            hooks.disconnected(connection);
        }
    }
}
