package dev.leakline.scenarios;

import dev.leakline.scenarios.truth.CaseTruth;
import dev.leakline.scenarios.truth.ResponseTruth;
import dev.leakline.scenarios.truth.ThreadTruth;
import dev.leakline.scenarios.truth.TruthFile;
import dev.leakline.scenarios.truth.TruthJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Writes {@code recordings/README.md} from the truth files, so that the tables cannot drift from them
 * (a test regenerates it and compares with the committed one).
 *
 * <pre>
 *   ReadmeGenerator recordings            # rewrites recordings/README.md
 * </pre>
 */
public final class ReadmeGenerator {
    /** What Go's net/http does in each case of the lesson: connections for 5 requests, closed, goroutines. */
    private static final Map<String, GoCase> GO = Map.of(
            "neither-read-nor-closed", new GoCase(5, 0, "held: a new connection per request; 11 goroutines"),
            "closed-unread", new GoCase(5, 5, "closed: each connection closed; 1 goroutine"),
            "read-to-end", new GoCase(1, 0, "reused: one connection; 3 goroutines"),
            "read-and-closed", new GoCase(1, 0, "reused: one connection; 3 goroutines"),
            "client-per-request", new GoCase(5, 0,
                    "held: each client keeps an idle connection and its goroutines until CloseIdleConnections"),
            "client-per-request-closed", new GoCase(5, 5,
                    "closed: CloseIdleConnections closes each client's idle connection"));

    private record GoCase(int connections, int closed, String text) {
    }

    private ReadmeGenerator() {
    }

    /** Rewrites {@code <recordings>/README.md}. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "recordings");
        Files.writeString(dir.resolve("README.md"), generate(dir));
    }

    /** The README for the truth files under {@code dir} ({@code dir/jdkNN/<client>/*.truth.json}). */
    public static String generate(Path dir) throws IOException {
        StringBuilder out = new StringBuilder();
        out.append(HEAD);
        Map<String, Map<String, List<Path>>> byJdkAndClient = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".truth.json")).sorted()
                    .collect(Collectors.toList())) {
                Path rel = dir.relativize(p);
                if (rel.getNameCount() != 3 || !rel.getName(0).toString().startsWith("jdk")) {
                    continue;
                }
                byJdkAndClient.computeIfAbsent(rel.getName(0).toString(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(rel.getName(1).toString(), k -> new ArrayList<>()).add(p);
            }
        }
        for (Map.Entry<String, Map<String, List<Path>>> jdk : byJdkAndClient.entrySet()) {
            for (String folder : Clients.folders()) {
                List<Path> truths = jdk.getValue().get(folder);
                if (truths == null) {
                    continue;
                }
                truths.sort((a, b) -> Integer.compare(order(a), order(b)));
                clientSection(out, jdk.getKey(), folder, truths);
            }
        }
        jdkDifferences(out, dir, byJdkAndClient);
        out.append(TAIL);
        return out.toString();
    }

    /** Cases recorded on JDK 17 and on a later JDK whose connections, threads or client closes differ. */
    private static void jdkDifferences(StringBuilder out, Path dir, Map<String, Map<String, List<Path>>> byJdk)
            throws IOException {
        Map<String, List<Path>> base = byJdk.get("jdk17");
        if (base == null) {
            return;
        }
        List<String> rows = new ArrayList<>();
        for (Map.Entry<String, Map<String, List<Path>>> other : byJdk.entrySet()) {
            if (other.getKey().equals("jdk17")) {
                continue;
            }
            for (String folder : Clients.folders()) {
                for (Path later : other.getValue().getOrDefault(folder, List.of())) {
                    Path earlier = dir.resolve("jdk17").resolve(folder).resolve(later.getFileName());
                    if (!Files.exists(earlier)) {
                        continue;
                    }
                    TruthFile a = TruthJson.read(earlier);
                    TruthFile b = TruthJson.read(later);
                    for (CaseTruth ca : a.cases()) {
                        CaseTruth cb = b.cases().stream().filter(x -> x.caseName().equals(ca.caseName()))
                                .findFirst().orElse(null);
                        if (cb == null) {
                            continue;
                        }
                        String da = describe(a, ca);
                        String db = describe(b, cb);
                        if (!da.equals(db)) {
                            rows.add("| " + a.client() + " | " + a.scenario() + " | " + ca.caseName() + " | " + da
                                    + " | " + other.getKey() + ": " + db + " |");
                        }
                    }
                }
            }
        }
        out.append("\n## Where JDK 25 differs from JDK 17\n\n");
        if (rows.isEmpty()) {
            out.append("No case differs.\n");
            return;
        }
        out.append("Cases whose connections, client threads alive at the end or client closes differ between the"
                + " two JDKs' recordings. Small java.net.http bodies can differ from run to run on one JDK too"
                + " (how many bodies were buffered whole before the next request); the rest is the JDKs'"
                + " doing. JDK 25's java.net.http also names each response's connection"
                + " (`HttpResponse.connectionLabel()`), so its recordings carry connection ids.\n\n");
        out.append("| client | recording | case | JDK 17 | later JDK |\n|---|---|---|---|---|\n");
        rows.forEach(r -> out.append(r).append("\n"));
    }

    /** Connections, threads and client closes of one case, for comparing JDKs. */
    private static String describe(TruthFile t, CaseTruth c) {
        List<ResponseTruth> rs = t.responses().stream().filter(r -> r.caseName().equals(c.caseName()))
                .collect(Collectors.toList());
        String method = rs.isEmpty() ? "" : method(rs.get(0).site());
        int threads = t.threadsAliveAtEnd().stream().filter(th -> method(th.site()).equals(method))
                .mapToInt(ThreadTruth::count).sum();
        long closedClients = t.clients().stream().filter(cl -> method(cl.site()).equals(method))
                .filter(cl -> cl.closed()).count();
        return c.connection() + " (" + c.connections() + " connections, " + c.closedByClient() + " closed), "
                + threads + (threads == 1 ? " client thread" : " client threads") + (closedClients > 0 ? ", " + closedClients + " clients closed" : "");
    }

    private static int order(Path truth) {
        String name = truth.getFileName().toString().replace(".truth.json", "");
        try {
            return Scenario.byFileName(name).ordinal();
        } catch (IllegalArgumentException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static void clientSection(StringBuilder out, String jdk, String folder, List<Path> truths)
            throws IOException {
        ClientCases client = Clients.byFolder(folder);
        TruthFile first = TruthJson.read(truths.get(0));
        out.append("\n## ").append(client.title()).append(", ").append(jdk).append(" (Java ").append(first.java())
                .append(")\n\n");
        if (client.underAgent()) {
            out.append("Recorded under `-javaagent:leakline-agent.jar` ([docs/agent.md](../docs/agent.md)): the"
                    + " scenario code makes no Leakline call and has no Leakline jar on its class path; the events"
                    + " are the agent's (client `").append(client.client()).append("`).\n\n");
        }
        if (client.noClientPerRequest() != null) {
            out.append("No client-per-request recordings: ").append(client.noClientPerRequest()).append("\n\n");
        }
        if (client.vsGo() != null) {
            out.append("How it differs from the Go lesson: ").append(client.vsGo()).append("\n\n");
        }
        if (!client.partOfTheJdk()) {
            out.append("Recorded on JDK 17 only: what this client does with its connections and threads is the"
                    + " library's own code, not the JDK's, so a JDK 25 recording would show the same.\n\n");
        }
        out.append("| recording | case | connections (server's count) | verdicts expected | client threads alive at end"
                + " | vs the Go lesson |\n");
        out.append("|---|---|---|---|---|---|\n");
        for (Path p : truths) {
            TruthFile t = TruthJson.read(p);
            String link = "[" + t.scenario() + "](" + jdk + "/" + folder + "/" + t.recording() + ")";
            Map<String, String> threadsByMethod = threadsByMethod(t);
            Set<String> caseMethods = t.responses().stream().map(r -> method(r.site()))
                    .collect(Collectors.toSet());
            String shared = threadsByMethod.entrySet().stream().filter(e -> !caseMethods.contains(e.getKey()))
                    .map(Map.Entry::getValue).collect(Collectors.joining(", "));
            boolean firstRow = true;
            for (CaseTruth c : t.cases()) {
                List<ResponseTruth> rs = t.responses().stream().filter(r -> r.caseName().equals(c.caseName()))
                        .collect(Collectors.toList());
                String threads = rs.isEmpty() ? "" : threadsByMethod.getOrDefault(method(rs.get(0).site()), "");
                if (firstRow && !shared.isEmpty()) {
                    threads = (threads.isEmpty() ? "" : threads + ", ") + shared + " (shared client)";
                }
                out.append("| ").append(firstRow ? link : "").append(" | ").append(c.caseName())
                        .append(" | **").append(c.connection()).append("**: ").append(c.connections())
                        .append(c.connections() == 1 ? " connection" : " connections").append(" for ")
                        .append(c.requests()).append(" requests, ").append(c.closedByClient())
                        .append(" closed by the client")
                        .append(" | ").append(rs.isEmpty() ? "nothing in the recording" : verdicts(rs))
                        .append(" | ").append(threads.isEmpty() ? "none" : threads)
                        .append(" | ").append(vsGo(t.scenario(), c)).append(" |\n");
                firstRow = false;
            }
        }
        out.append("\nNotes:\n\n");
        for (Path p : truths) {
            TruthFile t = TruthJson.read(p);
            out.append("- ").append(t.scenario()).append(": ").append(t.notes()).append("\n");
        }
    }

    /** "Class.method" of a site "Class.method(File.java:12)". */
    private static String method(String site) {
        if (site == null) {
            return "";
        }
        int paren = site.indexOf('(');
        return paren < 0 ? site : site.substring(0, paren);
    }

    private static Map<String, String> threadsByMethod(TruthFile t) {
        Map<String, List<String>> parts = new LinkedHashMap<>();
        for (ThreadTruth th : t.threadsAliveAtEnd()) {
            parts.computeIfAbsent(method(th.site()), k -> new ArrayList<>())
                    .add(th.count() + " × `" + th.namePattern() + "`");
        }
        Map<String, String> out = new LinkedHashMap<>();
        parts.forEach((k, v) -> out.put(k, String.join(", ", mergeCounts(v))));
        return out;
    }

    /** "1 × `X`", "1 × `X`" becomes "2 × `X`". */
    private static List<String> mergeCounts(List<String> parts) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String part : parts) {
            int x = part.indexOf(" × ");
            counts.merge(part.substring(x + 3), Integer.parseInt(part.substring(0, x)), Integer::sum);
        }
        List<String> out = new ArrayList<>();
        counts.forEach((name, n) -> out.add(n + " × " + name));
        return out;
    }

    private static String verdicts(List<ResponseTruth> rs) {
        Map<String, Integer> counts = new TreeMap<>();
        for (ResponseTruth r : rs) {
            counts.merge(r.expected(), 1, Integer::sum);
        }
        return counts.entrySet().stream().map(e -> e.getKey() + " × " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static String vsGo(String scenario, CaseTruth c) {
        GoCase go = GO.get(c.caseName());
        if (go == null || !(scenario.startsWith("four-cases") || scenario.startsWith("client-per-request"))) {
            return "no Go counterpart";
        }
        boolean same = go.connections() == c.connections() && go.closed() == c.closedByClient();
        return (same ? "as in Go" : "**differs from Go**") + " (Go: " + go.text() + ")";
    }

    private static final String HEAD = "# Recordings\n\n"
            + "<!-- Generated by dev.leakline.scenarios.ReadmeGenerator from the truth files; do not edit by"
            + " hand: run ./regenerate.sh (or the generator alone). A test fails when this file and the truth"
            + " files disagree. -->\n\n"
            + "Real JDK Flight Recorder recordings of HTTP clients in the four cases of the Go lesson and a few"
            + " more, each with the truth of what happened beside it (`NAME.truth.json`, schema in"
            + " [docs/truth-files.md](../docs/truth-files.md)). The truth comes from the scenario's own"
            + " bookkeeping and from its HTTP server, never from reading the recording.\n\n"
            + "```sh\n"
            + "./leakline analyze recordings/jdk17/java-net-http/four-cases-small.jfr\n"
            + "./leakline analyze recordings/jdk17/apache-httpclient5/pool-exhaustion.jfr   # a pool run dry\n"
            + "./leakline analyze recordings/jdk17/aws-s3/pool-exhaustion.jfr   # under leakline-agent, no code change\n"
            + "recordings/regenerate.sh          # builds with the reactor, makes every recording again (about 10 minutes)\n"
            + "recordings/regenerate.sh java-net-http/in-flight   # only some client/scenario pairs\n"
            + "```\n\n"
            + "Each scenario runs in a JVM of its own, started with\n"
            + "`-XX:StartFlightRecording:settings=default,settings=leakline.jfc,dumponexit=true`, against an"
            + " HTTP/1.1 server on 127.0.0.1 in that JVM (`/small` 300 bytes, `/large` 1 MiB, `/slow` 64 KiB"
            + " at 5 KiB/s, all with `Content-Length`). The four cases run one after the other, each in a"
            + " method of its own on a client of its own (so each has its own leak site), 5 requests each;"
            + " the JVM then waits until every unfinished response is older than the analyzer's default"
            + " `--min-age` (5 s) before the recording is dumped.\n\n"
            + "**Connections** (the third column). The server counts, per case, the distinct TCP connections the requests came on"
            + " and how many of them the client had closed when the case finished (300 ms after its last"
            + " request). *reused*: fewer connections than requests, none closed; *held*: one connection per request,"
            + " all still open (pinned by an unfinished body, or idle in a pool); *closed*: the client had"
            + " closed every connection; a mix is spelled out. These counts are what the client really did on this JDK and can vary slightly from run"
            + " to run (for example how many small bodies java.net.http had buffered whole before the next"
            + " request).\n\n"
            + "**Threads.** Client threads the scenario expects alive when the recording is dumped, from its own"
            + " bookkeeping (one `HttpClient-#-SelectorManager` per java.net.http client built and neither"
            + " closed nor collected); the scenario checks that expectation against the live JVM before it"
            + " writes the truth file and fails otherwise. Clients are kept reachable to the end, so that"
            + " garbage collection cannot change the picture, except in the scenarios that let go of them on"
            + " purpose and collect them (client-per-request-closed on JDK 17, which has no"
            + " `HttpClient.close()`, and client-per-request-abandoned). java.net.http's pooled `HttpClient-#-Worker-#`"
            + " threads are not listed: their number depends on timing. HttpURLConnection has no thread per"
            + " client; its JVM-wide `Keep-Alive-Timer` ends by itself once its cache is empty (5 s after the"
            + " last pooled connection), about when the recording is dumped, so it is not listed either."
            + " Apache HttpClient 5 clients start no thread here (no idle-connection evictor is configured)."
            + " OkHttp clients start none of their own for synchronous calls: pool cleanup runs on the JVM-wide"
            + " `OkHttp TaskRunner` and timeouts on `Okio Watchdog`, which end by themselves after a minute"
            + " idle, so they are not listed.\n\n"
            + "**The Go lesson** (5 requests): body neither read nor closed leaves 11 goroutines; closed unread"
            + " 1; read to the end 3, the connection reused; both 3; a new client per request leaves idle"
            + " connections and their goroutines until `CloseIdleConnections`. The last column compares the"
            + " server's connection counts with Go's.\n";

    private static final String TAIL = "\n## Not here yet\n\n"
            + "- Apache HttpClient 5's async client and OkHttp's `enqueue()`: the scenarios use the blocking"
            + " calls only.\n"
            + "- client-per-request-abandoned for Apache HttpClient 5 and OkHttp (it exists for java.net.http,"
            + " where an abandoned body keeps its client's selector thread alive).\n"
            + "- HTTP/2: every server here speaks HTTP/1.1.\n\n"
            + "## Adding a client\n\n"
            + "Write one class implementing `dev.leakline.scenarios.ClientCases` in"
            + " `dev.leakline.scenarios.clients` (one short method per case, each request written on one line"
            + " with its bookkeeping call, as `JavaNetHttpCases` does), list it in `Clients`, and run"
            + " `recordings/regenerate.sh CLIENT/SCENARIO ...` (or everything). The server, the runner, the"
            + " truth files and this README need no change.\n";
}
