package dev.leakline.analyzer.timeline;

import dev.leakline.engine.timeline.ResponseSpan;
import dev.leakline.engine.timeline.ThreadSpan;
import dev.leakline.engine.timeline.TimelineInput;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A synthetic service recording's spans, shaped like the service scenario: one pool whose path leaks one response
 * in 50, a second pool and a pool-less client that finish every response. Its bookkeeping (which responses leak,
 * when) is the truth the series are checked against.
 */
public final class SyntheticService {

    /** 2026-11-23T10:00:00Z: the recording's start. */
    public static final Instant START = Instant.parse("2026-11-23T10:00:00Z");
    /** 100 s of recording. */
    public static final Instant END = START.plusSeconds(100);
    public static final String LEAKY = "pool apache-5 orders:8080";
    public static final String STEADY = "pool apache-5 inventory:8080";
    public static final String NO_POOL = "java.net.http 127.0.0.1:9443";
    /** One request every 200 ms per group: 500 per group. */
    public static final Duration INTERVAL = Duration.ofMillis(200);
    /** Finished responses take 50 ms. */
    public static final Duration SERVICE_TIME = Duration.ofMillis(50);
    public static final int LEAK_EVERY = 50;
    public static final int REQUESTS = 500;

    private SyntheticService() {
    }

    /** The responses: the leaky pool leaks request 0, 50, 100, ... (one per 10 s), each on its own connection. */
    public static List<ResponseSpan> responses() {
        List<ResponseSpan> spans = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            Instant opened = START.plus(INTERVAL.multipliedBy(i));
            Instant done = opened.plus(SERVICE_TIME);
            boolean leaks = i % LEAK_EVERY == 0;
            // Finished responses reuse connection 1; each leaked one pins a fresh connection.
            spans.add(new ResponseSpan(opened, leaks ? null : done, LEAKY, leaks, leaks ? 1000 + i : 1));
            spans.add(new ResponseSpan(opened.plusMillis(10), done.plusMillis(10), STEADY, false, 2));
            spans.add(new ResponseSpan(opened.plusMillis(20), done.plusMillis(20), NO_POOL, false, 0));
        }
        return spans;
    }

    /** One selector thread per client built each 20 s and never stopped; four workers for the whole recording. */
    public static List<ThreadSpan> threads() {
        List<ThreadSpan> threads = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            threads.add(new ThreadSpan(START.plusSeconds(20L * k + 5), null, "HttpClient-#-SelectorManager"));
        }
        for (int k = 0; k < 4; k++) {
            threads.add(new ThreadSpan(null, null, "worker-#"));
        }
        return threads;
    }

    public static TimelineInput input() {
        return new TimelineInput(START, END, responses(), threads());
    }
}
