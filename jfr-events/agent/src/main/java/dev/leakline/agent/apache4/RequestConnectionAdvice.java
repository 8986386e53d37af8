package dev.leakline.agent.apache4;

import dev.leakline.agent.bootstrap.Apache4Hooks;
import dev.leakline.agent.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code PoolingHttpClientConnectionManager.requestConnection}: names the lease's pool (the route). */
public final class RequestConnectionAdvice {
    private RequestConnectionAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(0) Object route) {
        Apache4Hooks hooks = Bridge.apache4;
        if (hooks != null) {
            hooks.routeRequested(route);
        }
    }
}
