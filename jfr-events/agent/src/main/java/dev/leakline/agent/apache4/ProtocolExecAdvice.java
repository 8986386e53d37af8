package dev.leakline.agent.apache4;

import dev.leakline.agent.bootstrap.Apache4Hooks;
import dev.leakline.agent.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code ProtocolExec.execute}: the response head arrived, on the thread that called
 * {@code execute} (where the hand-wrapped client's interceptor runs too).
 */
public final class ProtocolExecAdvice {
    private ProtocolExecAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.Argument(2) Object context, @Advice.Return Object response) {
        Apache4Hooks hooks = Bridge.apache4;
        if (hooks != null && response != null) {
            hooks.responseArrived(response, context);
        }
    }
}
