package dev.leakline.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakline.engine.event.Frame;
import java.util.List;
import org.junit.jupiter.api.Test;

class FramesTest {
    private static Frame frame(String className, String method) {
        return new Frame(className, method, 1);
    }

    @Test
    void startsAtTheFirstApplicationFrameAndStopsWhereJUnitCalledTheTest() {
        List<Frame> opening = List.of(
                frame("dev.leakline.jfr.internal.Emitter", "opened"),
                frame("dev.leakline.jfr.Leakline", "responseOpened"),
                frame("dev.leakline.jfr.jdk.TrackedHttpClient", "send"),
                frame("com.example.OrderClient", "fetch"),
                frame("com.example.OrderClientTest", "fetchesOrders"),
                frame("jdk.internal.reflect.NativeMethodAccessorImpl", "invoke0"),
                frame("org.junit.platform.commons.util.ReflectionUtils", "invokeMethod"));

        assertThat(Frames.application(opening)).extracting(StackTraceElement::getMethodName)
                .containsExactly("fetch", "fetchesOrders");
        assertThat(Frames.application(opening)[0]).hasToString("com.example.OrderClient.fetch(OrderClient.java:1)");
    }

    @Test
    void keepsEveryFrameWhenNoneIsTheApplications() {
        List<Frame> opening = List.of(
                frame("dev.leakline.jfr.Leakline", "responseOpened"),
                frame("java.util.concurrent.CompletableFuture", "uniApply"));

        assertThat(Frames.application(opening)).extracting(StackTraceElement::getMethodName)
                .containsExactly("responseOpened", "uniApply");
    }
}
