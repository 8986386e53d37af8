package dev.leakline.agent.apache4;

import dev.leakline.agent.bootstrap.Apache4Hooks;
import dev.leakline.agent.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code PoolingHttpClientConnectionManager.releaseConnection}: looks at the connection before
 * the pool takes it back (pooled if still open), records the release after.
 */
public final class ReleaseConnectionAdvice {
    private ReleaseConnectionAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static Object enter(@Advice.Argument(0) Object connection) {
        Apache4Hooks hooks = Bridge.apache4;
        return hooks == null ? null : hooks.releasing(connection);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter Object release) {
        Apache4Hooks hooks = Bridge.apache4;
        if (hooks != null && release != null) {
            hooks.released(release);
        }
    }
}
