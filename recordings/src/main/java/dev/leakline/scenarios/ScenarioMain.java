package dev.leakline.scenarios;

import dev.leakline.scenarios.truth.ThreadTruth;
import dev.leakline.scenarios.truth.TruthFile;
import dev.leakline.scenarios.truth.TruthJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs one scenario in this JVM (started by {@link Regenerate} with
 * {@code -XX:StartFlightRecording}) and writes its truth file. Arguments: scenario, client folder,
 * truth file, recording file name.
 *
 * <p>Before writing, it checks the client threads it expects against the threads alive in this JVM and
 * exits with status 3 when they differ: the expectation comes from the scenario's own bookkeeping (clients
 * built and not closed), the check keeps that expectation honest. The recording is written when the JVM
 * exits ({@code dumponexit}).
 */
public final class ScenarioMain {
    /** Exit status when the expected threads are not the live ones. */
    static final int THREADS_DIFFER = 3;

    private ScenarioMain() {
    }

    /** Entry point of the scenario JVM. */
    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: ScenarioMain <scenario> <client-folder> <truth.json> <recording.jfr>");
            System.exit(2);
        }
        Scenario scenario = Scenario.byFileName(args[0]);
        ClientCases client = Clients.byFolder(args[1]);
        Path truthFile = Path.of(args[2]);
        int status;
        try (LoopbackServer server = LoopbackServer.start()) {
            Bookkeeping book = new Bookkeeping(server);
            String notes = scenario.run(client, book);
            boolean dropped = book.builtClients().stream().anyMatch(b -> b.dropped);
            if (dropped) {
                // Clients let go of can be collected; once collected, their threads end.
                System.gc();
                Thread.sleep(500);
                System.gc();
                Thread.sleep(Scenario.PAST_MIN_AGE_MILLIS);
            }
            List<ThreadTruth> expected = expectedThreads(client, book, scenario);
            Map<String, Integer> live = liveThreads();
            status = check(client, expected, live);
            long end = System.currentTimeMillis();
            TruthFile truth = new TruthFile(TruthFile.SCHEMA, scenario.fileName(), client.client(),
                    System.getProperty("java.version"), args[3], Scenario.MIN_AGE_MILLIS,
                    book.responseTruth(end, Scenario.MIN_AGE_MILLIS), book.clientTruth(), expected,
                    book.caseTruth(), notes);
            TruthJson.write(truth, truthFile);
        }
        System.exit(status);
    }

    private static List<ThreadTruth> expectedThreads(ClientCases client, Bookkeeping book, Scenario scenario) {
        Map<String, Integer> perSite = new LinkedHashMap<>();
        for (Bookkeeping.Built b : book.builtClients()) {
            boolean keptByBody = b.dropped && b.abandonedBody
                    && Boolean.TRUE.equals(client.abandonedBodyKeepsClient());
            if (b.held() || keptByBody) {
                perSite.merge(b.site, 1, Integer::sum);
            }
        }
        List<ThreadTruth> out = new ArrayList<>();
        for (String pattern : client.threadsPerHeldClient()) {
            perSite.forEach((site, n) -> out.add(new ThreadTruth(pattern, n, site)));
        }
        for (String pattern : client.sharedThreadsAtEnd(scenario.fileName())) {
            out.add(new ThreadTruth(pattern, 1, null));
        }
        return out;
    }

    /** Live threads by name pattern; printed so that whoever regenerates can see what the JDK really did. */
    private static Map<String, Integer> liveThreads() {
        Map<String, Integer> live = new TreeMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            live.merge(fold(t.getName()), 1, Integer::sum);
        }
        System.out.println("live threads at end: " + live);
        return live;
    }

    private static int check(ClientCases client, List<ThreadTruth> expected, Map<String, Integer> live) {
        Map<String, Integer> want = new TreeMap<>();
        for (String pattern : client.threadsPerHeldClient()) {
            want.put(pattern, 0); // none alive when no client is held
        }
        for (ThreadTruth t : expected) {
            want.merge(t.namePattern(), t.count(), Integer::sum);
        }
        int status = 0;
        for (Map.Entry<String, Integer> e : want.entrySet()) {
            int have = live.getOrDefault(e.getKey(), 0);
            if (have != e.getValue()) {
                System.err.println("expected " + e.getValue() + " x " + e.getKey() + " alive, found " + have);
                status = THREADS_DIFFER;
            }
        }
        return status;
    }

    /** The thread name with each run of digits folded to {@code #}. */
    static String fold(String name) {
        return name.replaceAll("[0-9]+", "#");
    }
}
