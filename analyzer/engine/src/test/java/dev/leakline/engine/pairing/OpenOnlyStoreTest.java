package dev.leakline.engine.pairing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.leakline.engine.event.Frame;
import dev.leakline.engine.event.JvmRun;
import dev.leakline.engine.event.RecordedEvent.RequestStarted;
import dev.leakline.engine.event.RecordedEvent.ResponseOpened;

/** The columns give back exactly what was stored, find it by (run, id) whatever was removed, and reuse space. */
class OpenOnlyStoreTest {
    private static final JvmRun RUN_A = new JvmRun(1_000, 11);
    private static final JvmRun RUN_B = new JvmRun(2_000, 22);
    private static final List<Frame> STACK = List.of(new Frame("com.acme.Shop", "buy", 42));
    private static final List<Frame> OTHER = List.of(new Frame("com.acme.Shop", "sell", 7),
            new Frame("com.acme.Main", "main", 3));

    private final ConnectionTable connections = new ConnectionTable();

    private OpenOnlyStore newStore() {
        return new OpenOnlyStore(connections);
    }

    /** Adds as the pairing does: the open's connection is counted first. */
    private boolean add(OpenOnlyStore store, ResponseOpened open, RequestStarted started, boolean charted) {
        if (open.connectionId() != 0) {
            connections.opened(open.run(), open.connectionId());
        }
        return store.add(open, started, charted);
    }

    private static ResponseOpened open(JvmRun run, long id, String uri) {
        return new ResponseOpened(run, 5_000 + id, 100 + id % 3, id % 2 == 0 ? "main" : null, id, id * 7,
                id % 4 == 0 ? "okhttp3" : "java.net.http", "GET", uri, 200 + (int) (id % 5), "HTTP/1.1", id - 1,
                id % 3 == 0 ? OTHER : STACK, id % 5 == 0 ? "pool-" + id % 2 : null);
    }

    @Test
    void everyValueComesBackAsStored() {
        List<ResponseOpened> opens = List.of(open(RUN_A, 1, "http://h:8080/a/b/sku-1"), open(RUN_A, 2, null),
                open(RUN_A, 3, "no-slash-at-all"), open(RUN_A, 4, "http://h/caf\u00e9/\u4e2d\u6587"),
                open(RUN_A, 5, "http://h/dir/"), open(RUN_A, 6, ""), open(RUN_B, 1, "http://other/x"),
                new ResponseOpened(RUN_A, -1, 0, "", 7, 0, null, null, "/", 0, null, Long.MAX_VALUE, List.of(), ""));
        OpenOnlyStore store = newStore();
        for (int i = 0; i < opens.size(); i++) {
            assertThat(add(store, opens.get(i), null, i % 2 == 0)).isTrue();
        }

        assertThat(store.size()).isEqualTo(opens.size());
        for (int i = 0; i < opens.size(); i++) {
            ResponseOpened o = opens.get(i);
            int slot = store.find(o.run(), o.responseId());
            assertThat(store.open(slot)).isEqualTo(o);
            assertThat(store.charted(slot)).isEqualTo(i % 2 == 0);
            assertThat(store.openedNanos(slot)).isEqualTo(o.timeNanos());
        }
        assertThat(store.find(RUN_B, 2)).isEqualTo(-1);
        assertThat(store.find(new JvmRun(3_000, 11), 1)).isEqualTo(-1);
    }

    @Test
    void anAsynchronousRequestsStartComesBackWithItsResponse() {
        OpenOnlyStore store = newStore();
        ResponseOpened open = open(RUN_A, 1, "http://h/a/1");
        RequestStarted start = new RequestStarted(RUN_A, 4_000, 77, "app-thread", 1, open.client(), "GET",
                "http://h/a/1", OTHER);
        ResponseOpened redirected = open(RUN_A, 2, "http://h/b/2");
        RequestStarted elsewhere = new RequestStarted(RUN_A, 4_000, 77, "app-thread", 2, redirected.client(), "GET",
                "http://h/a/2", OTHER);

        assertThat(add(store, open, start, false)).isTrue();
        assertThat(add(store, redirected, elsewhere, false)).isFalse(); // the start's URI is not the open's
        int slot = store.find(RUN_A, 1);
        assertThat(store.started(slot)).isEqualTo(start);
        assertThat(store.open(slot)).isEqualTo(open);
        // A slot given to a response without a start gives no start, whatever it held before.
        store.remove(slot);
        ResponseOpened plain = open(RUN_A, 3, "http://h/c/3");
        add(store, plain, null, false);
        assertThat(store.find(RUN_A, 3)).isEqualTo(slot);
        assertThat(store.started(slot)).isNull();
    }

    @Test
    void anOpenWhoseConnectionWasNeverCountedIsNotStored() {
        OpenOnlyStore store = newStore();

        assertThat(store.add(open(RUN_A, 1, "http://h/x"), null, false)).isFalse();
        assertThat(store.size()).isZero();
    }

    @Test
    void aUriLongerThanAPageIsNotStored() {
        OpenOnlyStore store = newStore();
        String huge = "http://h/" + "x".repeat(300_000);

        assertThat(add(store, open(RUN_A, 1, huge), null, false)).isFalse();
        assertThat(store.size()).isZero();
        assertThat(store.find(RUN_A, 1)).isEqualTo(-1);
    }

    @Test
    void removingInAnyOrderLeavesEveryOtherFindable() {
        OpenOnlyStore store = newStore();
        List<ResponseOpened> opens = new ArrayList<>();
        for (long id = 1; id <= 20_000; id++) {
            opens.add(open(id % 2 == 0 ? RUN_A : RUN_B, id / 2, "http://h/stock/sku-" + id));
        }
        opens.forEach(o -> add(store, o, null, false));
        List<ResponseOpened> shuffled = new ArrayList<>(opens);
        Collections.shuffle(shuffled, new Random(42));
        List<ResponseOpened> removed = shuffled.subList(0, 12_000);
        for (ResponseOpened o : removed) {
            store.remove(store.find(o.run(), o.responseId()));
        }

        assertThat(store.size()).isEqualTo(8_000);
        for (ResponseOpened o : removed) {
            assertThat(store.find(o.run(), o.responseId())).isEqualTo(-1);
        }
        for (ResponseOpened o : shuffled.subList(12_000, 20_000)) {
            assertThat(store.open(store.find(o.run(), o.responseId()))).isEqualTo(o);
        }
        // Freed slots are given out again: adding the removed ones back uses no slot beyond the first 20,000.
        removed.forEach(o -> add(store, o, null, true));
        assertThat(store.size()).isEqualTo(20_000);
        assertThat(java.util.Arrays.stream(store.slots()).max().getAsInt()).isEqualTo(19_999);
        for (ResponseOpened o : opens) {
            assertThat(store.open(store.find(o.run(), o.responseId()))).isEqualTo(o);
        }
    }

    @Test
    void urisOutliveTheCopyingOfTheirArena() {
        OpenOnlyStore store = newStore();
        // Two thousand 2 KB URIs without a directory go to the arena whole; removing most leaves over 1 MB dead,
        // which makes the store copy the live ones to a fresh arena.
        String body = "y".repeat(2_000);
        for (long id = 1; id <= 2_000; id++) {
            add(store, open(RUN_A, id, "no-directory-" + id + body), null, false);
        }
        for (long id = 1; id <= 2_000; id++) {
            if (id % 10 != 0) {
                store.remove(store.find(RUN_A, id));
            }
        }

        assertThat(store.size()).isEqualTo(200);
        assertThat(store.arenaCopies()).isPositive();
        for (long id = 10; id <= 2_000; id += 10) {
            assertThat(store.open(store.find(RUN_A, id)).uri()).isEqualTo("no-directory-" + id + body);
        }
    }
}
