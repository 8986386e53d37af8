package dev.leakline.engine.sites;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.leakline.engine.event.Frame;

/** Which frame is the application's line, on stacks shaped like the ones the frameworks really produce. */
class FrameFilterTest {
    private static final FrameFilter DEFAULT = FrameFilter.withExtraPrefixes(List.of());

    private static Frame f(String type, String method, int line) {
        return new Frame(type, method, line);
    }

    @Test
    void theListNamesEveryLibraryTheIssueNames() {
        assertThat(FrameFilter.LIBRARY_PREFIXES).contains("org.springframework.", "retrofit2.", "feign.",
                "org.glassfish.jersey.", "org.jboss.resteasy.", "org.apache.cxf.",
                "org.eclipse.microprofile.rest.client.", "io.micronaut.", "io.quarkus.", "reactor.core.",
                "io.reactivex.", "kotlinx.coroutines.", "com.amazonaws.", "software.amazon.awssdk.",
                "com.google.api.client.", "co.elastic.clients.", "org.elasticsearch.client.", "org.opensearch.client.",
                "io.kubernetes.client.", "io.fabric8.kubernetes.", "io.vertx.", "io.netty.", "com.fasterxml.jackson.",
                "io.github.resilience4j.", "dev.failsafe.", "net.jodah.failsafe.", "org.apache.http.", "org.apache.hc.",
                "okhttp3.", "okio.");
        assertThat(FrameFilter.LIBRARY_PREFIXES).allMatch(p -> p.endsWith(".") && !p.contains(" "));
    }

    @Test
    void feignThroughAJdkProxyIsTheCallersLine() {
        List<Frame> stack = List.of(f("dev.leakline.jfr.internal.Emitter", "opened", 45),
                f("dev.leakline.jfr.httpclient5.ResponseTracker", "opened", 30),
                f("org.apache.hc.client5.http.impl.classic.InternalHttpClient", "doExecute", 170),
                f("feign.hc5.ApacheHttp5Client", "execute", 94),
                f("feign.SynchronousMethodHandler", "executeAndDecode", 100),
                f("feign.ReflectiveFeign$FeignInvocationHandler", "invoke", 103),
                f("jdk.proxy2.$Proxy28", "export", -1),
                f("com.example.shop.Exports", "run", 42),
                f("com.example.shop.Main", "main", 10));

        assertThat(DEFAULT.siteOf(stack)).isEqualTo("com.example.shop.Exports.run(Exports.java:42)");
        assertThat(DEFAULT.applicationFrames(stack, 3)).containsExactly(stack.get(7), stack.get(8));
    }

    @Test
    void generatedClassesAreNeverASiteEvenInTheApplicationsPackage() {
        List<Frame> stack = List.of(f("com.example.shop.$Proxy12", "export", -1),
                f("com.example.shop.OrderService$$SpringCGLIB$$0", "place", -1),
                f("com.example.shop.OrderService$ByteBuddy$abc", "place", -1),
                f("com.example.shop.Shop$$Lambda/0x0000000801234", "apply", -1),
                f("com.example.shop.Shop", "lambda$buy$0", 17));
        FrameFilter app = FrameFilter.of(List.of(), List.of("com.example."));

        assertThat(DEFAULT.siteOf(stack)).isEqualTo("com.example.shop.Shop.lambda$buy$0(Shop.java:17)");
        assertThat(app.siteOf(stack)).isEqualTo("com.example.shop.Shop.lambda$buy$0(Shop.java:17)");
    }

    @Test
    void anApplicationPackageWinsOverAnUnknownLibraryInBetween() {
        List<Frame> stack = List.of(f("okhttp3.internal.connection.RealCall", "execute", 154),
                f("com.acme.httpkit.Client", "get", 88),
                f("com.example.shop.Shop", "buy", 42));

        assertThat(DEFAULT.siteOf(stack)).isEqualTo("com.acme.httpkit.Client.get(Client.java:88)");
        assertThat(FrameFilter.of(List.of(), List.of("com.example.")).siteOf(stack))
                .isEqualTo("com.example.shop.Shop.buy(Shop.java:42)");
        assertThat(FrameFilter.of(List.of("com.acme."), List.of()).siteOf(stack))
                .isEqualTo("com.example.shop.Shop.buy(Shop.java:42)");
    }

    @Test
    void anApplicationPackageIsAPackageNotANamePrefix() {
        List<Frame> stack = List.of(f("com.example.shopping.Cart", "add", 5),
                f("com.example.shop.Shop", "buy", 42));

        FrameFilter filter = FrameFilter.of(List.of(), List.of("com.example.shop"));
        assertThat(filter.appPackages()).containsExactly("com.example.shop.");
        assertThat(filter.siteOf(stack)).isEqualTo("com.example.shop.Shop.buy(Shop.java:42)");
    }

    @Test
    void anApplicationPackageInsideALibraryPrefixIsStillTheApplication() {
        List<Frame> stack = List.of(f("org.springframework.web.client.DefaultRestClient", "exchange", 300),
                f("org.springframework.samples.petclinic.Vets", "load", 9));

        assertThat(DEFAULT.siteOf(stack)).startsWith(FrameFilter.NO_APPLICATION_FRAME);
        assertThat(FrameFilter.of(List.of(), List.of("org.springframework.samples.")).siteOf(stack))
                .isEqualTo("org.springframework.samples.petclinic.Vets.load(Vets.java:9)");
    }

    @Test
    void aStackWithoutApplicationFrameSaysSoAndNamesTheInnermostLibraryFrame() {
        List<Frame> stack = List.of(f("dev.leakline.jfr.internal.Emitter", "opened", 45),
                f("java.util.concurrent.CompletableFuture", "complete", 2100),
                f("okhttp3.internal.connection.RealCall$AsyncCall", "run", 517),
                f("java.lang.Thread", "run", 840));

        assertThat(DEFAULT.siteOf(stack)).isEqualTo("no application frame in the stack; innermost library frame"
                + " okhttp3.internal.connection.RealCall$AsyncCall.run(RealCall.java:517)");
        assertThat(DEFAULT.siteOf(List.of())).isEqualTo("(no stack trace)");
    }

    @Test
    void aProxyAsTheInnermostLibraryFrameIsNamedByItsMethodNotItsNumber() {
        List<Frame> stack = List.of(f("dev.leakline.jfr.internal.Emitter", "opened", 45),
                f("jdk.proxy2.$Proxy28", "export", -1), f("java.lang.Thread", "run", 840));

        assertThat(DEFAULT.siteOf(stack))
                .isEqualTo("no application frame in the stack; innermost library frame (proxy).export");
    }

    @Test
    void aProxyIsNamedByTheInterfaceMethodItImplementsWhenTheStackShowsIt() {
        List<Frame> stack = List.of(f("dev.leakline.jfr.internal.Emitter", "opened", 45),
                f("org.example.lib.ExportApi", "export", 31),
                f("java.lang.reflect.InvocationHandler", "invokeDefault", 281),
                f("jdk.proxy2.$Proxy28", "export", -1),
                f("java.lang.Thread", "run", 840));

        assertThat(FrameFilter.of(List.of("org.example.lib."), List.of()).siteOf(stack))
                .isEqualTo("no application frame in the stack; innermost library frame"
                        + " org.example.lib.ExportApi.export(ExportApi.java:31) (through a proxy)");
    }

    @Test
    void aGeneratedSubclassAsTheInnermostLibraryFrameIsNamedByItsSuperclass() {
        List<Frame> stack = List.of(f("org.example.lib.Api$$SpringCGLIB$$0", "fetch", -1),
                f("java.lang.Thread", "run", 840));

        assertThat(DEFAULT.siteOf(stack)).isEqualTo(
                "no application frame in the stack; innermost library frame org.example.lib.Api.fetch (generated)");
    }

    @Test
    void theMainClassPackageCountsUnlessItIsALauncherOrAJar() {
        assertThat(FrameFilter.mainClassPackage("com.example.shop.ShopApp")).isEqualTo("com.example.shop.");
        assertThat(FrameFilter.mainClassPackage("org.apache.maven.surefire.booter.ForkedBooter")).isNull();
        assertThat(FrameFilter.mainClassPackage("org.springframework.boot.loader.launch.JarLauncher")).isNull();
        assertThat(FrameFilter.mainClassPackage("worker.org.gradle.process.internal.worker.GradleWorkerMain"))
                .isNull();
        assertThat(FrameFilter.mainClassPackage("/opt/app/shop.jar")).isNull();
        assertThat(FrameFilter.mainClassPackage("shop.jar")).isNull();
        assertThat(FrameFilter.mainClassPackage("Main")).isNull();
        assertThat(FrameFilter.mainClassPackage(null)).isNull();
    }

    @Test
    void leaklinesOwnFramesAreNeverASite() {
        List<Frame> stack = List.of(f("dev.leakline.jfr.internal.Emitter", "opened", 45),
                f("dev.leakline.jfr.jdk.TrackedHttpClient", "send", 80));

        assertThat(FrameFilter.of(List.of(), List.of("dev.leakline.")).siteOf(stack))
                .startsWith(FrameFilter.NO_APPLICATION_FRAME);
    }

    @Test
    void aSiteIsRememberedOnlyForAStackThatCannotChange() {
        FrameFilter filter = FrameFilter.withExtraPrefixes(List.of());
        List<Frame> fixed = List.of(f("okhttp3.RealCall", "execute", 10), f("com.acme.Cart", "load", 42));
        List<Frame> growing = new java.util.ArrayList<>(List.of(f("okhttp3.RealCall", "execute", 10)));

        assertThat(filter.siteOf(fixed)).isEqualTo("com.acme.Cart.load(Cart.java:42)");
        assertThat(filter.siteOf(fixed)).isEqualTo("com.acme.Cart.load(Cart.java:42)");
        assertThat(filter.siteOf(growing)).startsWith(FrameFilter.NO_APPLICATION_FRAME);
        growing.add(0, f("com.acme.Orders", "list", 9));
        assertThat(filter.siteOf(growing)).isEqualTo("com.acme.Orders.list(Orders.java:9)");
        // More stacks than the filter remembers: still each one's own site.
        for (int line = 1; line <= 10_000; line++) {
            assertThat(filter.siteOf(List.of(f("com.acme.Page", "show", line))))
                    .isEqualTo("com.acme.Page.show(Page.java:" + line + ")");
        }
        assertThat(filter.siteOf(fixed)).isEqualTo("com.acme.Cart.load(Cart.java:42)");
    }
}
