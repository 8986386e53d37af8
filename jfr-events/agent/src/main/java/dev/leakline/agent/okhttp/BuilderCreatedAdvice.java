package dev.leakline.agent.okhttp;

import dev.leakline.agent.bootstrap.Bridge;
import dev.leakline.agent.bootstrap.OkHttpHooks;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the end of the {@code OkHttpClient.Builder()} constructor (which {@code new OkHttpClient()} uses
 * too): the builder gets the adapter's interceptor and event listener factory before the application sees it.
 */
public final class BuilderCreatedAdvice {
    private BuilderCreatedAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object builder) {
        OkHttpHooks hooks = Bridge.okhttp;
        if (hooks != null) {
            hooks.builderCreated(builder);
        }
    }
}
