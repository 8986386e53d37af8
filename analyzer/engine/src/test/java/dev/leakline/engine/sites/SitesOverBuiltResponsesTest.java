package dev.leakline.engine.sites;

import static dev.leakline.engine.Records.RUN;
import static dev.leakline.engine.Records.T0;
import static dev.leakline.engine.Records.stack;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.AbstractList;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.leakline.engine.event.Frame;
import dev.leakline.engine.pairing.PairingResult;
import dev.leakline.engine.pairing.Response;
import dev.leakline.engine.pairing.Verdict;

/**
 * Sites over a pairing whose responses are built one at a time on access, as a pairing that keeps unfinished
 * responses in columns hands them out: every {@code get(i)} is a new {@link Response}. Each site's leak detail must be
 * exactly what the responses' fields give, computed here from the index formulas, not from the responses.
 */
class SitesOverBuiltResponsesTest {
    private static final int N = 200_000;
    private static final FrameFilter FILTER = FrameFilter.withExtraPrefixes(List.of());
    /** Stacks as the reader hands them out: one unmodifiable instance per stack, shared by its responses. */
    private static final List<List<Frame>> STACKS = List.of(
            List.copyOf(stack("okhttp3.RealCall.execute:10", "com.acme.shop.Cart.load:42",
                    "com.acme.shop.Main.main:3")),
            List.copyOf(stack("com.acme.shop.Orders.list:9", "com.acme.shop.Main.main:4")),
            List.copyOf(stack("com.acme.shop.Search.find:77")),
            List.copyOf(stack("java.net.http.HttpClient.send:1")));
    private static final String[] SITES = {"com.acme.shop.Cart.load(Cart.java:42)",
        "com.acme.shop.Orders.list(Orders.java:9)", "com.acme.shop.Search.find(Search.java:77)",
        FrameFilter.NO_APPLICATION_FRAME
                + "; innermost library frame java.net.http.HttpClient.send(HttpClient.java:1)"};

    private static final String[] THREADS = {"alpha", "beta", "gamma", "delta"};

    // The fields of response i.
    private static int stackOf(int i) {
        return i % 7 < 3 ? 0 : i % 7 < 5 ? 1 : i % 7 < 6 ? 2 : 3; // sites of different sizes: 3/7, 2/7, 1/7, 1/7
    }

    private static boolean leaked(int i) {
        return i % 10 != 3; // the others read to the end and never closed
    }

    private static long ageNanos(int i) {
        return (i * 7919L % 100_003) * 1_000_000 + i % 999_999; // below a millisecond is dropped
    }

    private static long openedNanos(int i) {
        return T0 + (i * 31L % N) * 1_000; // not in index order
    }

    private static String uri(int i) {
        return "http://h" + i % 3 + ".example:8080/item/" + i / 2; // two responses share each URI
    }

    private static String method(int i) {
        return i % 5 == 0 ? null : "GET";
    }

    private static String pool(int i) {
        return i % 13 == 0 ? null : "pool-" + i % 2;
    }

    private static Response response(int i) {
        return new Response(RUN, i, 1000 + i, "okhttp", method(i), uri(i), 200, "HTTP/1.1", -1, openedNanos(i),
                leaked(i) ? -1 : openedNanos(i) + 5, -1, 10, leaked(i) ? null : "read", null, 20 + i % 4,
                THREADS[i % 4], STACKS.get(stackOf(i)), leaked(i) ? Verdict.LEAKED : Verdict.DRAINED_NOT_CLOSED,
                ageNanos(i), i % 11 == 0, pool(i), null, -1);
    }

    /** A new response on every access, none kept by the list. */
    private static final List<Response> BUILT = new AbstractList<>() {
        @Override
        public Response get(int index) {
            return response(index);
        }

        @Override
        public int size() {
            return N;
        }
    };

    @Test
    void leakDetailsOfResponsesBuiltOnAccessAreExact() {
        List<Site> sites = Sites.group(new PairingResult(BUILT, List.of(), List.of(), List.of()), FILTER);

        // Most leaked first: the sites' shares are 3/7, 2/7, then two of 1/7 (and as many problems) ordered by name.
        assertThat(sites).extracting(Site::site).containsExactly(SITES[0], SITES[1], SITES[2], SITES[3]);
        for (Site site : sites) {
            int s = List.of(SITES).indexOf(site.site());
            IntPredicate atSite = i -> stackOf(i) == s;
            IntPredicate leak = i -> stackOf(i) == s && leaked(i);
            int[] leaks = IntStream.range(0, N).filter(leak).toArray();
            long[] ages = IntStream.of(leaks).mapToLong(i -> ageNanos(i) / 1_000_000).sorted().toArray();

            assertThat(site.count(Verdict.LEAKED)).isEqualTo(leaks.length);
            assertThat(site.count(Verdict.DRAINED_NOT_CLOSED))
                    .isEqualTo(IntStream.range(0, N).filter(atSite).filter(i -> !leaked(i)).count());
            assertThat(site.threads()).containsExactlyElementsOf(IntStream.range(0, N).filter(atSite)
                    .mapToObj(i -> THREADS[i % 4]).distinct().limit(3).toList());
            Site.LeakDetail d = site.leaks();
            assertThat(d.count()).isEqualTo(leaks.length);
            assertThat(d.uncertain()).isEqualTo(IntStream.of(leaks).filter(i -> i % 11 == 0).count());
            assertThat(d.minAgeMillis()).isEqualTo(ages[0]);
            assertThat(d.medianAgeMillis()).isEqualTo(ages[ages.length / 2]);
            assertThat(d.maxAgeMillis()).isEqualTo(ages[ages.length - 1]);
            assertThat(d.firstSeenNanos()).isEqualTo(IntStream.of(leaks).mapToLong(i -> openedNanos(i)).min()
                    .getAsLong());
            assertThat(d.lastSeenNanos()).isEqualTo(IntStream.of(leaks).mapToLong(i -> openedNanos(i)).max()
                    .getAsLong());
            // The first three distinct URIs (with their method when known) in response order.
            assertThat(d.exampleUris()).containsExactlyElementsOf(IntStream.of(leaks)
                    .mapToObj(i -> (method(i) == null ? "" : "GET ") + uri(i)).distinct().limit(3).toList());
            assertThat(d.pools()).containsExactlyElementsOf(IntStream.of(leaks).mapToObj(i -> pool(i))
                    .filter(p -> p != null).distinct().toList());
            assertThat(d.hosts()).containsExactlyElementsOf(IntStream.of(leaks)
                    .mapToObj(i -> "h" + i % 3 + ".example:8080").distinct().toList());
            assertThat(d.threadIds()).containsExactlyElementsOf(IntStream.of(leaks).mapToObj(i -> 20L + i % 4)
                    .distinct().toList());
        }
        // The sizes the ordering above rests on, from the index formulas alone.
        Map<Integer, Long> leakedPerStack = IntStream.range(0, N).filter(i -> leaked(i)).boxed()
                .collect(Collectors.groupingBy(i -> stackOf(i), Collectors.counting()));
        assertThat(leakedPerStack.get(0)).isGreaterThan(leakedPerStack.get(1));
        assertThat(leakedPerStack.get(1)).isGreaterThan(leakedPerStack.get(2));
        assertThat(leakedPerStack.get(2)).isEqualTo(leakedPerStack.get(3)); // a tie: by name, "com." first
    }
}
