package dev.leakline.agent.okhttp;

import dev.leakline.agent.bootstrap.Bridge;
import dev.leakline.agent.bootstrap.OkHttpHooks;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined into {@code OkHttpClient.Builder.eventListenerFactory(factory)}: an application's own factory, set
 * after the builder was created, is wrapped so that connection releases are still recorded.
 */
public final class EventListenerFactoryAdvice {
    private EventListenerFactoryAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object factory) {
        OkHttpHooks hooks = Bridge.okhttp;
        if (hooks != null) {
            factory = hooks.eventListenerFactory(factory);
        }
    }
}
