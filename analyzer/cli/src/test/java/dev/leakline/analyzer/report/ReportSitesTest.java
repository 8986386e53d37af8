package dev.leakline.analyzer.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.leakline.analyzer.html.ReportModel;
import dev.leakline.engine.analysis.Analysis;
import dev.leakline.engine.analysis.AnalysisOptions;
import dev.leakline.engine.analysis.RunFacts;
import dev.leakline.engine.event.Frame;
import dev.leakline.engine.event.JvmRun;
import dev.leakline.engine.pairing.PairingResult;
import dev.leakline.engine.pairing.Response;
import dev.leakline.engine.pairing.Verdict;
import dev.leakline.engine.sites.FrameFilter;
import dev.leakline.engine.sites.Sites;
import dev.leakline.engine.threads.ThreadFindings;
import dev.leakline.engine.timeline.Timeline;

/**
 * The report's sites, from the responses of one site taken in one pass: a response without a pool of its own is
 * named by its host's one pool, which a later response may be the first to tell, and still keeps its place in the
 * order of pools; the URIs are the first five; the frames are the first response's stack.
 */
class ReportSitesTest {
    private static final JvmRun RUN = new JvmRun(1_795_000_000_000L, 4242);
    private static final long T0 = 1_795_000_000_000_000_000L;
    private static final long MS = 1_000_000L;
    private static final List<Frame> SHORT = List.of(new Frame("okhttp3.RealCall", "execute", 10),
            new Frame("com.acme.Shop", "buy", 42));
    private static final List<Frame> LONG = List.of(new Frame("okhttp3.RealCall", "execute", 11),
            new Frame("com.acme.Shop", "buy", 42), new Frame("com.acme.Main", "main", 3));

    private static Response response(long id, String uri, String pool, Verdict verdict, List<Frame> stack) {
        boolean finished = verdict == Verdict.CLEAN;
        return new Response(RUN, id, id, "okhttp", "GET", uri, 200, "HTTP/1.1", -1, T0 + id * MS,
                verdict == Verdict.LEAKED ? -1 : T0 + id * MS + 1, finished ? T0 + id * MS + 2 : -1, 0,
                verdict == Verdict.LEAKED ? null : "application", finished ? "application" : null, 1, "main", stack,
                verdict, (100 - id) * MS, false, pool, null, -1);
    }

    @Test
    void poolsKeepTheResponsesOrderEvenWhenAHostsPoolIsToldLater() {
        List<Response> responses = new ArrayList<>();
        responses.add(response(1, "http://h1:1/a", null, Verdict.DRAINED_NOT_CLOSED, LONG));
        responses.add(response(2, "http://h1:1/a", null, Verdict.LEAKED, SHORT)); // h1's pool: p1, told by 5
        responses.add(response(3, "http://h2:1/b", "p2", Verdict.LEAKED, LONG));
        responses.add(response(4, "http://h3:1/c", null, Verdict.LEAKED, SHORT)); // h3 never tells a pool
        responses.add(response(5, "http://h1:1/z", "p1", Verdict.CLEAN, SHORT));
        responses.add(response(6, null, "p2", Verdict.LEAKED, SHORT));
        for (int i = 7; i <= 12; i++) {
            responses.add(response(i, "http://h2:1/u" + i, "p2", Verdict.LEAKED, SHORT));
        }
        PairingResult pairing = new PairingResult(responses, List.of(), List.of(), List.of());
        FrameFilter filter = FrameFilter.withExtraPrefixes(List.of());
        Analysis analysis = new Analysis(List.of("made.jfr"), new AnalysisOptions(Duration.ofMillis(1), List.of(),
                List.of(), true), List.of(new RunFacts(RUN, T0, T0 + 200 * MS, 1, null)), List.of(), List.of(), 40,
                pairing, Sites.group(pairing, filter), new ThreadFindings(false, 0, 0, List.of(), 0, List.of()),
                List.of(), filter);

        List<ReportModel.LeakSite> sites = ReportMapper.reportModel(analysis,
                new Timeline(Instant.EPOCH, Instant.EPOCH, 1, List.of(), List.of()), Instant.EPOCH).sites();

        assertThat(sites).extracting(ReportModel.LeakSite::verdict).containsExactly("leaked", "drained_not_closed");
        ReportModel.LeakSite leaked = sites.get(0);
        assertThat(leaked.site()).isEqualTo("com.acme.Shop.buy(Shop.java:42)");
        assertThat(leaked.count()).isEqualTo(10);
        // Response 2's pool (its host's, p1) comes before response 3's p2, though p2 was named first.
        assertThat(leaked.pools()).containsExactly("p1", "p2");
        assertThat(leaked.uris()).containsExactly("http://h1:1/a", "http://h2:1/b", "http://h3:1/c",
                "http://h2:1/u7", "http://h2:1/u8");
        assertThat(leaked.frames()).containsExactly("okhttp3.RealCall.execute(RealCall.java:10)",
                "com.acme.Shop.buy(Shop.java:42)");
        assertThat(leaked.youngestAge()).isEqualTo(Duration.ofMillis(88));
        assertThat(leaked.oldestAge()).isEqualTo(Duration.ofMillis(98));
        ReportModel.LeakSite drained = sites.get(1);
        assertThat(drained.count()).isEqualTo(1);
        assertThat(drained.pools()).containsExactly("p1");
        assertThat(drained.frames()).containsExactly("okhttp3.RealCall.execute(RealCall.java:11)",
                "com.acme.Shop.buy(Shop.java:42)", "com.acme.Main.main(Main.java:3)");
    }
}
