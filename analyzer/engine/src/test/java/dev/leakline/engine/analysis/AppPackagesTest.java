package dev.leakline.engine.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.leakline.engine.event.ChunkFacts;
import dev.leakline.engine.event.Frame;
import dev.leakline.engine.event.JvmInfo;
import dev.leakline.engine.event.JvmRun;
import dev.leakline.engine.event.RecordedEvent;

/**
 * Application packages: the options' when given, else the recording's main class's package; the analysis uses them
 * for its sites and says which it used.
 */
class AppPackagesTest {
    private static final JvmRun RUN = new JvmRun(1_000, 11);
    private static final long S = 1_000_000_000L;
    /** An in-house HTTP toolkit (on no list) between the client and the application. */
    private static final List<Frame> STACK = List.of(new Frame("dev.leakline.jfr.internal.Emitter", "opened", 45),
            new Frame("okhttp3.internal.connection.RealCall", "execute", 154),
            new Frame("com.acme.httpkit.Client", "get", 88),
            new Frame("com.example.shop.Orders", "load", 42),
            new Frame("com.example.shop.ShopApp", "main", 10));

    private static Analysis analyze(AnalysisOptions options, String mainClass) {
        AnalysisBuilder builder = new AnalysisBuilder(options);
        builder.onEvent(new RecordedEvent.ResponseOpened(RUN, 10 * S, 1, "main", 1, 0, "okhttp", "GET", "http://h/x",
                200, "HTTP/1.1", -1, STACK));
        builder.onChunk(new ChunkFacts("app.jfr", 1, 9 * S, 100 * S, RUN, ChunkFacts.Outcome.READ, null,
                new JvmInfo("VM", "17", "17", "Linux", mainClass)));
        return builder.finish(List.of("app.jfr"));
    }

    private static AnalysisOptions options(List<String> appPackages) {
        return new AnalysisOptions(Duration.ofSeconds(5), List.of(), List.of(), false, appPackages);
    }

    @Test
    void withoutMainClassOrOptionTheUnknownToolkitIsTheSite() {
        Analysis a = analyze(options(List.of()), null);

        assertThat(a.sites()).singleElement().extracting(s -> s.line())
                .isEqualTo("com.acme.httpkit.Client.get(Client.java:88)");
        assertThat(a.optionsInForce().get("Application packages")).startsWith("none named");
    }

    @Test
    void theMainClassPackageIsAnApplicationPackage() {
        Analysis a = analyze(options(List.of()), "com.example.shop.ShopApp");

        assertThat(a.sites()).singleElement().extracting(s -> s.line())
                .isEqualTo("com.example.shop.Orders.load(Orders.java:42)");
        assertThat(a.frames().appPackages()).containsExactly("com.example.shop.");
        assertThat(a.optionsInForce().get("Application packages"))
                .isEqualTo("com.example.shop. (the main class's package)");
    }

    @Test
    void aLauncherMainClassIsNotAnApplicationPackage() {
        Analysis a = analyze(options(List.of()), "org.apache.maven.surefire.booter.ForkedBooter");

        assertThat(a.frames().appPackages()).isEmpty();
        assertThat(a.sites()).singleElement().extracting(s -> s.line())
                .isEqualTo("com.acme.httpkit.Client.get(Client.java:88)");
    }

    @Test
    void theOptionReplacesTheMainClassPackage() {
        Analysis a = analyze(options(List.of("com.example.")), "com.other.Main");

        assertThat(a.frames().appPackages()).containsExactly("com.example.");
        assertThat(a.sites()).singleElement().extracting(s -> s.line())
                .isEqualTo("com.example.shop.Orders.load(Orders.java:42)");
        assertThat(a.optionsInForce()).containsEntry("Application packages", "com.example. (--app-package)")
                .containsEntry("Minimum age", "5s");
    }

    @Test
    void aBlankApplicationPackageIsRejectedWithTheFix() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> options(List.of(" ")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an application package must not be empty; name a package prefix such as com.example.shop");
    }
}
