package dev.leakline.analyzer.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.leakline.analyzer.TestRecordings;
import dev.leakline.analyzer.analysis.Analyzer;
import dev.leakline.engine.analysis.Analysis;
import dev.leakline.engine.analysis.AnalysisOptions;
import dev.leakline.engine.pairing.Response;
import dev.leakline.engine.pairing.Verdict;
import dev.leakline.engine.sites.Site;
import dev.leakline.jfr.Leakline;
import dev.leakline.jfr.TrackedResponse;
import dev.leakline.jfr.Actor;

/**
 * A real recording read through JMC's parser: {@code leakline.RequestStarted} reaches the engine, so a response
 * opened on another thread (as an asynchronous client opens it) is placed at the line that started the request; the
 * run's main class comes from {@code jdk.JVMInformation}.
 */
class RequestStartedReadTest {
    @TempDir
    static Path dir;
    static Analysis analysis;
    static String leakStart;
    static String cleanStart;
    static String startingThread;

    @BeforeAll
    static void record() throws Exception {
        ExecutorService clientThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "client-io-1"));
        Path file = TestRecordings.record(dir, "request-started.jfr", () -> {
            startingThread = Thread.currentThread().getName();
            long leakId = Leakline.requestStarted("async-client", "GET", "http://127.0.0.1:1/leak"); leakStart = TestRecordings.callerSite();
            long cleanId = Leakline.requestStarted("async-client", "GET", "http://127.0.0.1:1/ok"); cleanStart = TestRecordings.callerSite();
            clientThread.submit(() -> {
                Leakline.responseOpened(leakId, "async-client", null, 0, "GET", "http://127.0.0.1:1/leak", 200,
                        "HTTP/1.1", 4);
                TrackedResponse ok = Leakline.responseOpened(cleanId, "async-client", null, 0, "GET",
                        "http://127.0.0.1:1/ok", 200, "HTTP/1.1", 4);
                ok.bodyRead(4);
                ok.bodyDrained(Actor.APPLICATION);
                ok.closed(Actor.APPLICATION);
            }).get();
            TestRecordings.pause(Duration.ofMillis(150));
        });
        clientThread.shutdown();
        AnalysisOptions options = new AnalysisOptions(Duration.ofMillis(100), List.of(), List.of());
        analysis = new Analyzer(RecordingReader.jmc(), options).analyze(List.of(file));
    }

    @Test
    void theLeakIsAtTheLineThatStartedTheRequestOnTheStartingThread() {
        assertThat(analysis.leakSites()).extracting(Site::line).containsExactly(leakStart);
        Response leak = analysis.pairing().responses().stream().filter(r -> r.verdict() == Verdict.LEAKED)
                .findFirst().orElseThrow();
        assertThat(leak.threadName()).isEqualTo(startingThread);
        assertThat(analysis.siteOf(leak)).isEqualTo(leakStart);
    }

    @Test
    void theCleanResponseIsAtItsOwnStartingLine() {
        assertThat(analysis.sites()).filteredOn(s -> s.site().equals(cleanStart)).singleElement()
                .satisfies(s -> {
                    assertThat(s.count(Verdict.CLEAN)).isEqualTo(1);
                    assertThat(s.total()).isEqualTo(1);
                });
        assertThat(analysis.sites()).hasSize(2);
    }

    @Test
    void theRunsMainClassIsTheFirstWordOfTheJavaCommand() {
        String command = System.getProperty("sun.java.command");
        assertThat(analysis.runs()).singleElement()
                .satisfies(run -> assertThat(run.jvm().mainClass()).isEqualTo(command.strip().split("\\s+")[0]));
    }
}
