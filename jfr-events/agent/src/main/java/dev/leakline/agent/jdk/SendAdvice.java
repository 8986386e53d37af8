package dev.leakline.agent.jdk;

import dev.leakline.agent.bootstrap.Bridge;
import dev.leakline.agent.bootstrap.JdkHooks;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined into {@code HttpClient.send}: counts the body's bytes on the way in, tracks the response on the
 * way out, on the calling thread (so the opening's stack trace shows the application's line). An exception
 * of {@code send} passes through untouched.
 */
public final class SendAdvice {
    private SendAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static Object enter(@Advice.Argument(value = 1, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object handler) {
        JdkHooks hooks = Bridge.jdk;
        Object received = hooks == null ? null : hooks.sendStarts(handler);
        if (received != null) {
            handler = hooks.countingHandler(handler, received);
        }
        return received;
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.Enter Object received,
            @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object response) {
        JdkHooks hooks = Bridge.jdk;
        if (received != null && hooks != null) {
            response = hooks.sent(response, received);
        }
    }
}
