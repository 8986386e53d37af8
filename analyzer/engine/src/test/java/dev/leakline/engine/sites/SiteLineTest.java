package dev.leakline.engine.sites;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.leakline.engine.event.Frame;

/** A site's one-line rendering, which every report and the JUnit failure message use. */
class SiteLineTest {
    @Test
    void anApplicationSiteIsItsFrame() {
        Frame frame = new Frame("com.example.shop.Shop", "buy", 42);
        Site site = new Site(frame.toString(), List.of(frame), List.of("okhttp"), Map.of(), null, Map.of(),
                List.of("main"));

        assertThat(site.line()).isEqualTo("com.example.shop.Shop.buy(Shop.java:42)");
        assertThat(site.shortLine()).isEqualTo("Shop.buy(Shop.java:42)");
        assertThat(site.hasApplicationFrame()).isTrue();
    }

    @Test
    void aSiteWithoutApplicationFrameNamesItsThreadAndLibraryFrame() {
        Site site = new Site(FrameFilter.NO_APPLICATION_FRAME + "; innermost library frame okhttp3.Foo.run(Foo.java:1)",
                List.of(), List.of("okhttp"), Map.of(), null, Map.of(), List.of("OkHttp http://#.#.#.#:#/..."));

        assertThat(site.line()).isEqualTo("no application frame in the stack (thread \"OkHttp http://#.#.#.#:#/...\";"
                + " innermost library frame okhttp3.Foo.run(Foo.java:1))");
        assertThat(site.shortLine()).isEqualTo(site.line());
    }
}
