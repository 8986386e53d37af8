package dev.leakline.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FramesTest {
    private static StackTraceElement frame(String className, String method) {
        return new StackTraceElement(className, method, "X.java", 1);
    }

    @Test
    void startsAtTheFirstApplicationFrameAndStopsWhereJUnitCalledTheTest() {
        List<StackTraceElement> opening = List.of(
                frame("dev.leakline.jfr.internal.Emitter", "opened"),
                frame("dev.leakline.jfr.Leakline", "responseOpened"),
                frame("dev.leakline.jfr.jdk.TrackedHttpClient", "send"),
                frame("com.example.OrderClient", "fetch"),
                frame("com.example.OrderClientTest", "fetchesOrders"),
                frame("jdk.internal.reflect.NativeMethodAccessorImpl", "invoke0"),
                frame("org.junit.platform.commons.util.ReflectionUtils", "invokeMethod"));

        assertThat(Frames.application(opening)).extracting(StackTraceElement::getMethodName)
                .containsExactly("fetch", "fetchesOrders");
    }

    @Test
    void keepsEveryFrameWhenNoneIsTheApplications() {
        List<StackTraceElement> opening = List.of(
                frame("dev.leakline.jfr.Leakline", "responseOpened"),
                frame("java.util.concurrent.CompletableFuture", "uniApply"));

        assertThat(Frames.application(opening)).extracting(StackTraceElement::getMethodName)
                .containsExactly("responseOpened", "uniApply");
    }
}
