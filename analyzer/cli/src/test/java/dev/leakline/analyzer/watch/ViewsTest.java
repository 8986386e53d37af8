package dev.leakline.analyzer.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.leakline.engine.analysis.AnalysisBuilder;
import dev.leakline.engine.analysis.AnalysisOptions;
import dev.leakline.engine.event.Frame;
import dev.leakline.engine.event.JvmRun;
import dev.leakline.engine.event.RecordedEvent.ResponseOpened;

/**
 * Colour only on a terminal and never with {@code NO_COLOR}; off a terminal, plain lines. The state comes from the
 * real engine's snapshot of two responses, one old enough to be leaked.
 */
class ViewsTest {
    private static final JvmRun RUN = new JvmRun(1_000, 42);
    private static final long S = 1_000_000_000L;
    private static final List<Frame> SHOP = List.of(new Frame("com.acme.Shop", "buy", 42));

    private static LiveState state() {
        AnalysisBuilder engine = new AnalysisBuilder(new AnalysisOptions(Duration.ofSeconds(1), List.of(),
                List.of()));
        engine.onEvent(new ResponseOpened(RUN, 10 * S, 1, "main", 1, 7, "okhttp", "GET", "http://h:1/a", 200,
                "HTTP/1.1", -1, SHOP, "pool-1"));
        engine.onEvent(new ResponseOpened(RUN, 12 * S, 1, "main", 2, 8, "okhttp", "GET", "http://h:1/b", 200,
                "HTTP/1.1", -1, SHOP, "pool-1"));
        return LiveState.of(engine.snapshot(12 * S + S / 2, List.of("pid 42")), 12 * S + S / 2);
    }

    private static String render(boolean terminal, Map<String, String> env) {
        StringWriter out = new StringWriter();
        LiveView view = Views.choose(new PrintWriter(out), false, terminal, env);
        view.started(new WatchInfo("pid 42", 42, "17", Duration.ofSeconds(1), 10 * S));
        view.update(state());
        return out.toString();
    }

    @Test
    void theStateCountsWhatTheEngineJudged() {
        LiveState state = state();

        assertThat(state.leaked()).isEqualTo(1);
        assertThat(state.sites()).singleElement().satisfies(s -> {
            assertThat(s.site()).isEqualTo("com.acme.Shop.buy(Shop.java:42)");
            assertThat(s.outstanding()).isEqualTo(2);
            assertThat(s.leaked()).isEqualTo(1);
            assertThat(s.oldestAgeNanos()).isEqualTo(2 * S + S / 2);
        });
        assertThat(state.pools()).containsExactly(new LiveState.PoolRow("pool-1", 2, 1));
        assertThat(state.leaks()).extracting(LiveState.LeakRow::id).containsExactly(1L);
    }

    @Test
    void onATerminalTheScreenIsRedrawnInColour() {
        String screen = render(true, Map.of("TERM", "xterm"));

        assertThat(screen).startsWith("\u001b[H\u001b[2J");
        assertThat(screen).contains(
                "\u001b[31m      2 open      1 leaked  oldest    2.5 s  Shop.buy(Shop.java:42)\u001b[0m");
        assertThat(screen).contains("\u001b[1m");
    }

    @Test
    void noColorKeepsTheScreenButDropsTheColour() {
        String screen = render(true, Map.of("TERM", "xterm", "NO_COLOR", ""));

        assertThat(screen).startsWith("\u001b[H\u001b[2J"); // redrawing is not colour
        assertThat(screen).doesNotContain("\u001b[31m").doesNotContain("\u001b[1m").doesNotContain("\u001b[0m");
        assertThat(screen).contains("      2 open      1 leaked  oldest    2.5 s  Shop.buy(Shop.java:42)\n");
        assertThat(screen).startsWith(
                "\u001b[H\u001b[2Jleakline watch  pid 42, Java 17  2.5 s  min age 1s  Ctrl-C to stop\n");
    }

    @Test
    void theScreenShowsSitesWithoutTheirPackage() {
        assertThat(Screen.shortSite("com.acme.Shop$Cart.buy(Shop.java:42)")).isEqualTo("Shop$Cart.buy(Shop.java:42)");
        assertThat(Screen.shortSite("Main.run(Main.java:3)")).isEqualTo("Main.run(Main.java:3)");
        assertThat(Screen.shortSite("(no stack trace)")).isEqualTo("(no stack trace)");
    }

    @Test
    void offATerminalPlainLinesWithoutEscapes() {
        String lines = render(false, Map.of("TERM", "xterm"));

        assertThat(lines).doesNotContain("\u001b");
        assertThat(lines.lines().toList()).containsExactly(
                "00:00:10.000Z watching pid 42 (pid 42, Java 17), min age 1s; Ctrl-C to stop",
                "00:00:12.500Z LEAK com.acme.Shop.buy(Shop.java:42): response 1 GET http://h:1/a open 2.5 s (okhttp,"
                        + " thread main)",
                "00:00:12.500Z site com.acme.Shop.buy(Shop.java:42): 2 outstanding (oldest 2.5 s), 1 leaked,"
                        + " 2 responses",
                "00:00:12.500Z pool pool-1: 2 connections held by outstanding responses (1 by leaks)");
    }
}
