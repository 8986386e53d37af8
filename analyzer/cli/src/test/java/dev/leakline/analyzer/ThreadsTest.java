package dev.leakline.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.leakline.jfr.Leakline;

/**
 * Threads alive at the end of a real recording: paired start/end, folded names, the creator's line and parent,
 * threads older than the recording, the ignore list, and the link to leaks.
 */
class ThreadsTest {
    private static final CountDownLatch RELEASE = new CountDownLatch(1);
    private static final List<Object> KEEP = new ArrayList<>();
    private static final Map<String, String> SITES = new HashMap<>();

    @TempDir
    static Path dir;
    static Path recording;
    static Thread preExisting;

    @BeforeAll
    static void record() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        preExisting = new Thread(() -> {
            await(go);
            // An event written by a thread older than the recording: the only sign of it.
            Leakline.responseOpened("other", 0, "GET", "http://h/old", 200, "HTTP/1.1", 1);
            done.countDown();
            await(RELEASE);
        }, "pre-existing-7");
        preExisting.start();
        recording = TestRecordings.record(dir, "threads.jfr", () -> {
            startWorkers();
            Thread shortLived = new Thread(() -> { }, "short-lived-1");
            shortLived.start();
            shortLived.join();
            buildClients();
            go.countDown();
            done.await();
        });
    }

    @AfterAll
    static void release() {
        RELEASE.countDown();
        KEEP.clear();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void site(String name) {
        StackWalker.StackFrame f = StackWalker.getInstance().walk(s -> s.skip(1).findFirst()).orElseThrow();
        SITES.put(name, f.getClassName() + "." + f.getMethodName() + "(" + f.getFileName() + ":"
                + f.getLineNumber() + ")");
    }

    private static void startWorkers() {
        for (int i = 1; i <= 3; i++) {
            Thread worker = new Thread(() -> await(RELEASE), "worker-" + i);
            worker.setDaemon(true);
            worker.start(); site("workers");
        }
    }

    private static void buildClients() {
        for (int i = 0; i < 2; i++) {
            KEEP.add(HttpClient.newHttpClient()); site("clients");
        }
        Leakline.responseOpened("java.net.http", 0, "GET", "http://h/x", 200, "HTTP/1.1", 1); site("leak");
    }

    private static JsonNode analyze(Object... extra) throws Exception {
        List<Object> args = new ArrayList<>(List.of("analyze", "--format", "json", "--min-age", "0ms"));
        args.addAll(List.of(extra));
        args.add(recording);
        Cli.Result result = Cli.run(args.toArray());
        assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
        return new ObjectMapper().readTree(result.out());
    }

    private static Map<String, JsonNode> groups(JsonNode report) {
        Map<String, JsonNode> groups = new HashMap<>();
        report.at("/threads/aliveAtEnd").forEach(g -> groups.put(g.get("namePattern").asText(), g));
        return groups;
    }

    @Test
    void threadsAliveAtTheEndAreFoldedAndNameTheLineThatStartedThem() throws Exception {
        Map<String, JsonNode> groups = groups(analyze());

        JsonNode workers = groups.get("worker-#");
        assertThat(workers).as(groups.keySet().toString()).isNotNull();
        assertThat(workers.get("count").asInt()).isEqualTo(3);
        assertThat(workers.get("creatorSite").asText()).isEqualTo(SITES.get("workers"));
        assertThat(workers.get("parentThreads").get(0).asText()).isEqualTo(Thread.currentThread().getName());
        assertThat(workers.get("startedBeforeRecording").asInt()).isZero();
        assertThat(groups).doesNotContainKey("short-lived-#");
    }

    @Test
    void clientSelectorThreadsNameTheLineThatBuiltEachClientAndTheRelatedLeak() throws Exception {
        JsonNode selectors = groups(analyze()).get("HttpClient-#-SelectorManager");

        assertThat(selectors.get("count").asInt()).isEqualTo(2);
        assertThat(selectors.get("creatorSite").asText()).isEqualTo(SITES.get("clients"));
        assertThat(selectors.get("relatedSites")).extracting(n -> n.get("site").asText())
                .containsExactly(SITES.get("leak"));
    }

    @Test
    void threadsOlderThanTheRecordingAreKnownFromTheirEvents() throws Exception {
        JsonNode old = groups(analyze()).get("pre-existing-#");

        assertThat(old.get("count").asInt()).isEqualTo(1);
        assertThat(old.get("startedBeforeRecording").asInt()).isEqualTo(1);
        assertThat(old.get("creatorSite").isNull()).isTrue();
    }

    @Test
    void userIgnoreListHidesAPattern() throws Exception {
        JsonNode all = analyze();
        JsonNode report = analyze("--ignore-thread", "worker-#");

        assertThat(groups(report)).doesNotContainKey("worker-#").containsKey("HttpClient-#-SelectorManager");
        assertThat(report.at("/threads/ignoredAliveAtEnd").asInt())
                .isEqualTo(all.at("/threads/ignoredAliveAtEnd").asInt() + 3);
    }

    @Test
    void aRecordingWithoutLeaklineEventsSaysSoAndStillShowsThreads() throws Exception {
        Path threadsOnly = TestRecordings.record(dir, "threads-only.jfr", () -> {
            Thread lingering = new Thread(() -> await(RELEASE), "lingering-1");
            lingering.setDaemon(true);
            lingering.start();
        });

        Cli.Result result = Cli.run("analyze", threadsOnly);

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("Leakline: no response events found")
                .contains("No Leakline events in this recording").contains("1 x lingering-#");
    }

    @Test
    void textReportShowsTheSelectorThreadsWithTheirCreator() {
        Cli.Result result = Cli.run("analyze", "--min-age", "0ms", recording);

        assertThat(result.out()).contains("2 x HttpClient-#-SelectorManager")
                .contains("created at " + SITES.get("clients").replace("dev.leakline.analyzer.", ""));
    }
}
