package dev.leakline.agent.apache5;

import dev.leakline.agent.bootstrap.Apache5Hooks;
import dev.leakline.agent.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the start of {@code HttpClientBuilder.build()}: the builder gets the adapter's exec chain handler
 * (first in the chain, so it runs on the thread that called {@code execute}) before it assembles the chain.
 */
public final class BuildAdvice {
    private BuildAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Object builder) {
        Apache5Hooks hooks = Bridge.apache5;
        if (hooks != null) {
            hooks.building(builder);
        }
    }
}
