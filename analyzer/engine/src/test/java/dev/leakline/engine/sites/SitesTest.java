package dev.leakline.engine.sites;

import static dev.leakline.engine.Records.closed;
import static dev.leakline.engine.Records.drained;
import static dev.leakline.engine.Records.opened;
import static dev.leakline.engine.Records.stack;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.leakline.engine.Records;
import dev.leakline.engine.event.Frame;
import dev.leakline.engine.event.RecordedEvent;
import dev.leakline.engine.pairing.LossWindow;
import dev.leakline.engine.pairing.Pairing;
import dev.leakline.engine.pairing.PairingResult;
import dev.leakline.engine.pairing.Verdict;

/** Responses grouped by the application line that opened them, and which lines to fix first. */
class SitesTest {
    private static final FrameFilter FILTER = FrameFilter.withExtraPrefixes(List.of("com.acme.lib."));
    private static final List<Frame> CART = stack("okhttp3.RealCall.execute:10", "com.acme.lib.Http.get:5",
            "com.acme.shop.Cart.load:42", "com.acme.shop.Page.show:7", "com.acme.shop.Main.main:3",
            "com.acme.shop.Boot.run:1");
    private static final List<Frame> ORDERS = stack("com.acme.shop.Orders$$Lambda$12.apply:-1",
            "com.acme.shop.Orders.list:9");

    private static PairingResult pair(RecordedEvent... events) {
        return pair(List.of(), events);
    }

    private static PairingResult pair(List<LossWindow> losses, RecordedEvent... events) {
        Pairing pairing = new Pairing(Duration.ofSeconds(5));
        for (RecordedEvent e : events) {
            pairing.accept(e);
        }
        return pairing.finish(Map.of(Records.RUN, Records.T0 + 100 * Records.S), losses);
    }

    @Test
    void aSiteKeepsTheFirstHundredThreadIdsOfItsLeaks() {
        // A virtual thread per request gives every leak its own thread: the ids kept must not grow with the leaks.
        RecordedEvent[] events = new RecordedEvent[150];
        for (int i = 0; i < events.length; i++) {
            events[i] = new RecordedEvent.ResponseOpened(Records.RUN, Records.T0 + i * Records.S / 100, 1_000 + i, "",
                    i + 1, 0, "java.net.http", "GET", "http://h/x", 200, "HTTP/1.1", 100, CART, null);
        }
        Site.LeakDetail leaks = Sites.group(pair(events), FILTER).get(0).leaks();

        assertThat(leaks.count()).isEqualTo(150);
        assertThat(leaks.threadIds()).containsExactlyElementsOf(
                java.util.stream.LongStream.range(1_000, 1_100).boxed().toList());
    }

    @Test
    void sitesAreTheFirstApplicationFrameWithCountsPerVerdictMostLeakedFirst() {
        PairingResult paired = pair(
                opened(1, 10, ORDERS), drained(1, 11), closed(1, 11, true),
                opened(2, 20, CART), opened(3, 30, CART, "okhttp", "http://other.example/x", "pool-b", 0),
                opened(4, 90, CART, "java.net.http", null, null, 0),
                opened(5, 40, ORDERS), closed(5, 41, false),
                opened(6, 50, ORDERS), drained(6, 60), closed(6, 61, true),
                opened(7, 97, CART));
        List<Site> sites = Sites.group(paired, FILTER);

        assertThat(sites).extracting(Site::site).containsExactly("com.acme.shop.Cart.load(Cart.java:42)",
                "com.acme.shop.Orders.list(Orders.java:9)");
        Site cart = sites.get(0);
        assertThat(cart.appFrames()).extracting(Frame::toString).containsExactly(
                "com.acme.shop.Cart.load(Cart.java:42)", "com.acme.shop.Page.show(Page.java:7)",
                "com.acme.shop.Main.main(Main.java:3)");
        assertThat(cart.count(Verdict.LEAKED)).isEqualTo(3);
        assertThat(cart.count(Verdict.IN_FLIGHT)).isEqualTo(1);
        assertThat(cart.total()).isEqualTo(4);
        assertThat(cart.clients()).containsExactly("okhttp", "java.net.http");
        Site.LeakDetail leaks = cart.leaks();
        assertThat(leaks.count()).isEqualTo(3);
        assertThat(leaks.uncertain()).isZero();
        assertThat(List.of(leaks.minAgeMillis(), leaks.medianAgeMillis(), leaks.maxAgeMillis()))
                .containsExactly(10_000L, 70_000L, 80_000L);
        assertThat(leaks.pools()).containsExactly("pool-b");
        assertThat(leaks.hosts()).containsExactly("shop.example:8080", "other.example", "?");
        assertThat(leaks.exampleUris()).containsExactly("GET http://shop.example:8080/cart?x=1",
                "GET http://other.example/x");
        assertThat(leaks.firstSeenNanos()).isEqualTo(Records.T0 + 20 * Records.S);
        assertThat(leaks.lastSeenNanos()).isEqualTo(Records.T0 + 90 * Records.S);
        assertThat(leaks.threadIds()).containsExactly(7L);

        Site orders = sites.get(1);
        assertThat(orders.leaks()).isNull();
        assertThat(orders.count(Verdict.CLEAN)).isEqualTo(1);
        assertThat(orders.count(Verdict.CLOSED_UNREAD)).isEqualTo(1);
        assertThat(orders.count(Verdict.RECOVERED)).isEqualTo(1);
        assertThat(orders.closedUnreadOutcomes()).containsExactly(Map.entry("unknown", 1L));

        assertThat(Sites.toFix(sites)).extracting(Site::site).containsExactly(cart.site(), orders.site());
    }

    @Test
    void whatToFixLeavesOutSitesWithNothingToChange() {
        List<Site> sites = Sites.group(pair(
                opened(1, 10, ORDERS), closed(1, 11, false),
                opened(2, 10, CART), drained(2, 11)), FILTER);
        assertThat(sites).extracting(Site::site).containsExactly("com.acme.shop.Cart.load(Cart.java:42)",
                "com.acme.shop.Orders.list(Orders.java:9)");
        assertThat(Sites.toFix(sites)).extracting(Site::site).containsExactly("com.acme.shop.Cart.load(Cart.java:42)");
        assertThat(Sites.toFix(Sites.group(pair(opened(1, 10, ORDERS), closed(1, 11, false)), FILTER))).isEmpty();
        List<LossWindow> loss = List.of(new LossWindow(Records.RUN, Records.T0 + 95 * Records.S,
                Records.T0 + 96 * Records.S, "jdk.DataLoss"));
        List<Site> uncertain = Sites.group(pair(loss, opened(1, 90, ORDERS)), FILTER);
        assertThat(uncertain.get(0).count(Verdict.UNCERTAIN)).isEqualTo(1);
        assertThat(Sites.toFix(uncertain)).isEmpty();
    }

    @Test
    void sitesWithEqualLeaksAreOrderedByOtherProblemsThenName() {
        List<Frame> b = stack("com.acme.B.b:1");
        List<Frame> a = stack("com.acme.A.a:1");
        List<Frame> c = stack("com.acme.C.c:1");
        List<Site> sites = Sites.group(pair(opened(1, 10, b), opened(2, 10, a), opened(3, 10, c), drained(3, 11),
                opened(4, 10, c), closed(4, 11, false)), FILTER);
        assertThat(sites).extracting(Site::site).containsExactly("com.acme.A.a(A.java:1)", "com.acme.B.b(B.java:1)",
                "com.acme.C.c(C.java:1)");
    }

    @Test
    void theFrameFilterSkipsLibrariesLambdasAndTheUsersPrefixes() {
        assertThat(FILTER.skippedPrefixes()).startsWith(FrameFilter.DEFAULT_SKIPPED_PREFIXES.toArray(new String[0]))
                .endsWith("com.acme.lib.");
        assertThat(FILTER.isApplication(new Frame("com.acme.shop.Cart", "load", 1))).isTrue();
        assertThat(FILTER.isApplication(new Frame("com.acme.lib.Http", "get", 1))).isFalse();
        assertThat(FILTER.isApplication(new Frame("okhttp3.Call", "x", 1))).isFalse();
        assertThat(FILTER.isApplication(new Frame("org.junit.Runner", "x", 1))).isFalse();
        assertThat(FILTER.isApplication(new Frame("com.acme.X$$Lambda$3/0x1", "apply", 1))).isFalse();
        assertThat(FILTER.applicationFrames(CART, 1)).extracting(Frame::method).containsExactly("load");
        assertThat(FILTER.applicationFrames(CART, 10)).extracting(Frame::method)
                .containsExactly("load", "show", "main", "run");
        // Issue 12: a stack without an application frame says so, with its innermost library frame.
        assertThat(FILTER.siteOf(stack("java.net.Socket.read:3", "jdk.X.y:1")))
                .isEqualTo("no application frame in the stack; innermost library frame"
                        + " java.net.Socket.read(Socket.java:3)");
        assertThat(FILTER.siteOf(List.of())).isEqualTo(FrameFilter.NO_STACK).isEqualTo("(no stack trace)");
        assertThat(FrameFilter.withExtraPrefixes(List.of()).isApplication(new Frame("com.acme.lib.Http", "get", 1)))
                .isTrue();
    }

    @Test
    void hostsOfUris() {
        assertThat(Sites.hostOf("https://api.example.com/v1")).isEqualTo("api.example.com");
        assertThat(Sites.hostOf("http://127.0.0.1:8080/x")).isEqualTo("127.0.0.1:8080");
        assertThat(Sites.hostOf("/relative/path")).isEqualTo("/relative/path");
        assertThat(Sites.hostOf("http://bad host/x")).isEqualTo("http://bad host/x");
        assertThat(Sites.hostOf(null)).isEqualTo("?");
    }
}
