package dev.leakline.agent.jdk;

import dev.leakline.agent.bootstrap.Bridge;
import dev.leakline.agent.bootstrap.JdkHooks;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined into {@code HttpClient.sendAsync} (both overloads): counts the body's bytes, records the request's
 * start on the calling thread (the application's line), and returns a future that tracks the response when it
 * completes. Cancelling the returned future still cancels the exchange.
 */
public final class SendAsyncAdvice {
    private SendAsyncAdvice() {
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
    static void exit(@Advice.Enter Object received, @Advice.Argument(0) Object request,
            @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object future) {
        JdkHooks hooks = Bridge.jdk;
        if (received != null && hooks != null) {
            future = hooks.sentAsync(request, future, received);
        }
    }
}
