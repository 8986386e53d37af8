package dev.leakline.engine.pairing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.leakline.engine.event.Frame;
import dev.leakline.engine.event.JvmRun;
import dev.leakline.engine.event.RecordedEvent;
import dev.leakline.engine.event.RecordedEvent.ConnectionReleased;
import dev.leakline.engine.event.RecordedEvent.RequestStarted;
import dev.leakline.engine.event.RecordedEvent.ResponseClosed;
import dev.leakline.engine.event.RecordedEvent.ResponseDrained;
import dev.leakline.engine.event.RecordedEvent.ResponseOpened;

/**
 * Moving responses that have had only their open into columns changes nothing the pairing tells: on a random mix of
 * every kind of response, in shuffled file order, a pairing that sweeps every 3 new lifecycles gives the same span
 * calls, snapshot and result as one that never sweeps.
 */
class OpenOnlyPairingTest {
    private static final JvmRun RUN_A = new JvmRun(1_000, 11);
    private static final JvmRun RUN_B = new JvmRun(2_000, 22);
    private static final long MS = 1_000_000L;
    private static final List<List<Frame>> STACKS = List.of(List.of(new Frame("com.acme.Shop", "buy", 42)),
            List.of(new Frame("com.acme.Shop", "sell", 7), new Frame("com.acme.Main", "main", 3)),
            List.of(new Frame("okhttp3.RealCall", "execute", 1)));

    private record Placed(double at, RecordedEvent event) {
    }

    /** Events of {@code n} responses of every fate, in a file order where some come late or before their open. */
    private static List<RecordedEvent> events(long seed, int n) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Placed> placed = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            JvmRun run = random.nextInt(4) == 0 ? RUN_B : RUN_A;
            long id = i;
            long opened = i * 10 * MS;
            long connection = random.nextInt(5) == 0 ? 0 : 1 + random.nextInt(40);
            boolean head = random.nextInt(20) == 0;
            String pool = random.nextInt(3) == 0 ? null : "pool-" + random.nextInt(3);
            List<Frame> stack = STACKS.get(random.nextInt(STACKS.size()));
            String uri = switch (random.nextInt(4)) {
                case 0 -> null;
                case 1 -> "http://inventory.example/stock/sku-" + random.nextInt(1_000_000);
                case 2 -> "http://h:" + (8000 + random.nextInt(3)) + "/caf\u00e9/" + i;
                default -> "relative-" + i;
            };
            ResponseOpened open = new ResponseOpened(run, opened, 1 + random.nextInt(6), "worker-" + random.nextInt(6),
                    id, connection, random.nextBoolean() ? "okhttp3" : "java.net.http", head ? "HEAD" : "GET", uri,
                    200, "HTTP/1.1", random.nextInt(3) == 0 ? -1 : random.nextInt(4) * 100L, stack, pool);
            // Where the open sits in the file; late events sit hundreds of places after it.
            double at = i;
            if (random.nextInt(10) == 0) {
                placed.add(new Placed(at - 1.5, new RequestStarted(run, opened - MS, 9, "app", id, open.client(),
                        "GET", uri, STACKS.get(0))));
            } else if (random.nextInt(20) == 0) {
                placed.add(new Placed(at + 300 + random.nextInt(300), new RequestStarted(run, opened - MS, 9, "app",
                        id, open.client(), "GET", uri, STACKS.get(1))));
            }
            if (random.nextInt(50) != 0) { // else the open is missing: its drain or close is an orphan
                placed.add(new Placed(at, open));
                if (random.nextInt(100) == 0) {
                    placed.add(new Placed(at + 400, open)); // the same id opened twice
                }
            }
            int fate = random.nextInt(10);
            double late = random.nextInt(4) == 0 ? 200 + random.nextInt(600) : random.nextDouble() * 3 - 0.5;
            long finish = opened + (random.nextInt(8) == 0 ? 6_000 : 5) * MS;
            long bytes = open.contentLength() < 0 ? 50 : open.contentLength();
            if (fate <= 5) { // read to the end and closed
                placed.add(new Placed(at + late, new ResponseDrained(run, finish, 1, id, bytes, "application")));
                placed.add(new Placed(at + late + 0.1, new ResponseClosed(run, finish + MS, 1, id, bytes, true,
                        "application")));
            } else if (fate == 6) { // closed unread
                placed.add(new Placed(at + late, new ResponseClosed(run, finish, 1, id, 0, false, "application")));
            } else if (fate == 7) { // drained, never closed
                placed.add(new Placed(at + late, new ResponseDrained(run, finish, 1, id, bytes, "application")));
            } // else leaked: only its open
            if (connection != 0 && random.nextInt(3) != 0) {
                boolean named = random.nextBoolean();
                placed.add(new Placed(named && random.nextInt(5) == 0 ? at - 0.7 : at + late + 0.2,
                        new ConnectionReleased(run, finish + 2 * MS, connection,
                                random.nextBoolean() ? "pool-" + random.nextInt(3) : null,
                                random.nextBoolean() ? "pooled" : "closed", named ? id : 0)));
            }
        }
        placed.sort(Comparator.comparingDouble(Placed::at));
        return placed.stream().map(Placed::event).toList();
    }

    /** A pairing whose span listener writes every call down. */
    private static Pairing recorded(boolean foldClean, int sweepEvery, List<String> told) {
        Pairing pairing = new Pairing(Duration.ofMillis(5_000), foldClean, sweepEvery);
        pairing.onSpan(new Pairing.SpanListener() {
            @Override
            public void opened(ResponseOpened opened, String pool, int connection) {
                told.add("opened " + opened + " " + pool + " on " + connection);
            }

            @Override
            public void finished(ResponseOpened opened, String pool, int connection, long finishedNanos) {
                told.add("finished " + opened + " " + pool + " on " + connection + " " + finishedNanos);
            }

            @Override
            public void finishedEarlier(ResponseOpened opened, String pool, int connection, long wasNanos,
                    long finishedNanos) {
                told.add("earlier " + opened + " " + pool + " on " + connection + " " + wasNanos + " "
                        + finishedNanos);
            }

            @Override
            public void pooled(ResponseOpened opened, String pool) {
                told.add("pooled " + opened + " " + pool);
            }
        });
        return pairing;
    }

    @ParameterizedTest
    @CsvSource({"1, true", "2, true", "3, false"})
    void sweepingToColumnsChangesNothing(long seed, boolean foldClean) {
        int n = 3_000;
        List<RecordedEvent> events = events(seed, n);
        List<String> toldSwept = new ArrayList<>();
        List<String> toldKept = new ArrayList<>();
        Pairing swept = recorded(foldClean, 3, toldSwept);
        Pairing kept = recorded(foldClean, Integer.MAX_VALUE, toldKept);
        List<LossWindow> losses = List.of(new LossWindow(RUN_A, 12_000 * MS, 12_500 * MS, "test"));
        int mostStored = 0;
        for (int i = 0; i < events.size(); i++) {
            swept.accept(events.get(i));
            kept.accept(events.get(i));
            mostStored = Math.max(mostStored, swept.openOnlyCount());
            if (i == events.size() / 2) {
                assertThat(swept.snapshot(15_000 * MS, losses)).isEqualTo(kept.snapshot(15_000 * MS, losses));
            }
        }
        assertThat(kept.openOnlyCount()).isZero();
        assertThat(swept.openOnlyCount()).isPositive();
        assertThat(mostStored).isGreaterThan(swept.openOnlyCount()); // some were taken back out by a later event

        Map<JvmRun, Long> ends = Map.of(RUN_A, (n + 100) * 10 * MS, RUN_B, (n + 200) * 10 * MS);
        PairingResult fromColumns = swept.finish(ends, losses);
        PairingResult reference = kept.finish(ends, losses);

        assertThat(toldSwept).isEqualTo(toldKept);
        assertThat(fromColumns.responses()).hasSameSizeAs(reference.responses());
        for (int i = 0; i < reference.responses().size(); i++) {
            assertThat(fromColumns.responses().get(i)).isEqualTo(reference.responses().get(i));
        }
        assertThat(fromColumns).isEqualTo(reference);
        for (Verdict v : Verdict.values()) {
            assertThat(fromColumns.count(v)).as(v.id()).isEqualTo(reference.count(v));
        }
        assertThat(fromColumns.uncertain()).isEqualTo(reference.uncertain()).isPositive();
        assertThat(reference.count(Verdict.LEAKED)).isPositive();
        assertThat(swept.duplicateOpens()).isEqualTo(kept.duplicateOpens()).isPositive();
    }
}
