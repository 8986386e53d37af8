package dev.leakline.agent.apache4;

import dev.leakline.agent.bootstrap.Apache4Hooks;
import dev.leakline.agent.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code PoolingHttpClientConnectionManager.leaseConnection}: the connection leased. */
public final class LeaseConnectionAdvice {
    private LeaseConnectionAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.Return Object connection) {
        Apache4Hooks hooks = Bridge.apache4;
        if (hooks != null && connection != null) {
            hooks.leased(connection);
        }
    }
}
