package dev.leakline.agent.apache5;

import dev.leakline.agent.bootstrap.Apache5Hooks;
import dev.leakline.agent.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined at the start of the {@code InternalHttpClient} constructor: the client leases and releases through the
 * adapter's connection manager wrapped around the one the builder chose (the application's, or the default
 * pool the builder made). The builder's own references (its idle evictor, the closeables) keep the original.
 */
public final class ClientCreatedAdvice {
    private ClientCreatedAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object manager) {
        Apache5Hooks hooks = Bridge.apache5;
        if (hooks != null && manager != null) {
            manager = hooks.connectionManager(manager);
        }
    }
}
