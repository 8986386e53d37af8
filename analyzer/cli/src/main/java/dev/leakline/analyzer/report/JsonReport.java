package dev.leakline.analyzer.report;

import dev.leakline.engine.format.Formats;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.leakline.engine.analysis.Analysis;
import dev.leakline.engine.findings.Advice;
import dev.leakline.engine.findings.Finding;
import dev.leakline.engine.findings.Findings;
import dev.leakline.engine.analysis.RunFacts;
import dev.leakline.engine.pairing.LossWindow;
import dev.leakline.engine.pairing.Orphan;
import dev.leakline.engine.pairing.Response;
import dev.leakline.engine.pairing.Verdict;
import dev.leakline.engine.event.ChunkFacts;
import dev.leakline.engine.event.Frame;
import dev.leakline.engine.event.JvmInfo;
import dev.leakline.engine.event.JvmRun;
import dev.leakline.engine.sites.Site;
import dev.leakline.engine.threads.ThreadFindings;
import dev.leakline.engine.threads.ThreadGroup;

/**
 * The report for programs: the stable interface, documented in {@code docs/json-schema.md}. Fields are only ever
 * added; {@code schema} changes when one is removed or changes meaning.
 */
public final class JsonReport {
    /** The schema version written in every report. */
    public static final int SCHEMA = 1;

    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Builds the report as a tree (used by tests and by {@link #write}). */
    public ObjectNode toJson(Analysis a, int exitCode) {
        ObjectNode root = mapper.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("tool", "leakline");
        root.put("exitCode", exitCode);
        ObjectNode options = root.putObject("options");
        options.put("minAgeMillis", a.options().minAge().toMillis());
        strings(options.putArray("skipFrames"), a.options().skipFrames());
        strings(options.putArray("ignoreThreads"), a.options().ignoreThreads());
        strings(options.putArray("appPackages"), a.options().appPackages());
        strings(options.putArray("appPackagesUsed"), a.frames().appPackages());
        strings(options.putArray("skippedPrefixes"), a.frames().skippedPrefixes());
        strings(root.putArray("inputs"), a.inputs());
        root.set("summary", summary(a));
        ArrayNode findings = root.putArray("findings");
        for (Finding f : Findings.of(a)) {
            ObjectNode node = findings.addObject();
            node.put("severity", f.severity().id());
            node.put("kind", f.kind());
            node.put("site", f.site());
            node.put("count", f.count());
            node.put("summary", Caps.cap(f.summary())); // may quote a thread name
            node.put("explanation", f.explanation());
            node.put("fix", f.fix());
        }
        ArrayNode sites = root.putArray("sites");
        for (Site site : a.sites()) {
            sites.add(site(site));
        }
        ArrayNode responses = root.putArray("responses");
        for (Response r : a.pairing().responses()) {
            if (r.verdict() != Verdict.CLEAN) {
                responses.add(response(r, a));
            }
        }
        ArrayNode orphans = root.putArray("orphans");
        for (Orphan o : a.pairing().orphans()) {
            ObjectNode node = orphans.addObject();
            node.set("run", run(o.run()));
            node.put("responseId", o.responseId());
            node.put("kind", o.kind());
            node.put("at", Formats.iso(o.firstEventNanos()));
        }
        ArrayNode connections = root.putArray("connections");
        for (dev.leakline.engine.pairing.Connection c : a.pairing().connections()) {
            ObjectNode node = connections.addObject();
            node.set("run", run(c.run()));
            putConnectionId(node, c.connectionId());
            node.put("pool", Caps.cap(c.pool()));
            node.put("responses", c.responses());
            node.put("pooled", c.pooled());
            node.put("closed", c.closed());
        }
        root.set("threads", threads(a.threads()));
        root.set("recording", recording(a));
        strings(root.putArray("warnings"), a.warnings());
        return root;
    }

    /** Writes the report to {@code out}. */
    public void write(Analysis analysis, int exitCode, PrintWriter out) {
        try {
            out.println(mapper.writeValueAsString(toJson(analysis, exitCode)));
            out.flush();
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize the report", e);
        }
    }

    private ObjectNode summary(Analysis a) {
        ObjectNode summary = mapper.createObjectNode();
        summary.put("leaklineEvents", a.leaklineEvents());
        long total = 0;
        ObjectNode verdicts = summary.putObject("verdicts");
        for (Verdict v : Verdict.values()) {
            long count = a.pairing().count(v);
            total += count;
            verdicts.put(v.id(), count);
        }
        summary.put("responses", total);
        summary.put("orphans", a.pairing().orphans().size());
        summary.put("uncertain", a.pairing().responses().stream().filter(Response::uncertain).count());
        summary.put("leakSites", a.leakSites().size());
        summary.put("threadsAliveAtEnd", a.threads().aliveCount());
        return summary;
    }

    private ObjectNode site(Site site) {
        ObjectNode node = mapper.createObjectNode();
        node.put("site", site.site());
        node.put("line", site.line());
        node.put("applicationFrame", site.hasApplicationFrame());
        strings(node.putArray("threads"), site.threads());
        frames(node.putArray("frames"), site.appFrames());
        strings(node.putArray("clients"), site.clients());
        ObjectNode counts = node.putObject("counts");
        for (Verdict v : Verdict.values()) {
            counts.put(v.id(), site.count(v));
        }
        ObjectNode outcomes = node.putObject("closedUnreadConnections");
        site.closedUnreadOutcomes().forEach(outcomes::put);
        Site.LeakDetail leaks = site.leaks();
        if (leaks == null) {
            node.putNull("leaked");
        } else {
            ObjectNode l = node.putObject("leaked");
            l.put("count", leaks.count());
            l.put("uncertain", leaks.uncertain());
            ObjectNode age = l.putObject("ageMillis");
            age.put("min", leaks.minAgeMillis());
            age.put("median", leaks.medianAgeMillis());
            age.put("max", leaks.maxAgeMillis());
            strings(l.putArray("pools"), leaks.pools());
            strings(l.putArray("hosts"), leaks.hosts());
            strings(l.putArray("exampleUris"), leaks.exampleUris());
            l.put("firstSeen", Formats.iso(leaks.firstSeenNanos()));
            l.put("lastSeen", Formats.iso(leaks.lastSeenNanos()));
            l.put("fix", Advice.fix(Verdict.LEAKED));
        }
        return node;
    }

    private ObjectNode response(Response r, Analysis a) {
        ObjectNode node = mapper.createObjectNode();
        node.set("run", run(r.run()));
        node.put("responseId", r.id());
        node.put("verdict", r.verdict().id());
        node.put("uncertain", r.uncertain());
        node.put("site", a.siteOf(r));
        node.put("client", Caps.cap(r.client()));
        node.put("method", Caps.cap(r.method()));
        node.put("uri", Caps.cap(r.uri()));
        node.put("status", r.status());
        node.put("protocol", Caps.cap(r.protocol()));
        node.put("contentLength", r.contentLength());
        putConnectionId(node, r.connectionId());
        node.put("pool", Caps.cap(r.pool()));
        node.put("connectionOutcome", r.connectionOutcome());
        node.put("openedAt", Formats.iso(r.openedNanos()));
        node.put("drainedAt", Formats.iso(r.drainedNanos()));
        node.put("closedAt", Formats.iso(r.closedNanos()));
        node.put("ageMillis", r.ageNanos() / 1_000_000);
        node.put("bytesRead", r.bytesRead());
        node.put("drainedBy", r.drainedBy());
        node.put("closedBy", r.closedBy());
        node.put("threadId", r.threadId());
        node.put("threadName", Caps.cap(r.threadName()));
        return node;
    }

    private JsonNode threads(ThreadFindings t) {
        ObjectNode node = mapper.createObjectNode();
        node.put("recorded", t.recorded());
        node.put("started", t.started());
        node.put("ended", t.ended());
        node.put("ignoredAliveAtEnd", t.ignoredAlive());
        ArrayNode alive = node.putArray("aliveAtEnd");
        for (ThreadGroup g : t.aliveAtEnd()) {
            ObjectNode group = alive.addObject();
            group.put("namePattern", Caps.cap(g.namePattern()));
            group.put("count", g.count());
            group.put("creatorSite", g.creatorSite());
            frames(group.putArray("creatorFrames"), g.creatorFrames());
            strings(group.putArray("parentThreads"), g.parentThreads());
            group.put("startedBeforeRecording", g.startedBeforeRecording());
            strings(group.putArray("exampleNames"), g.exampleNames());
            group.put("firstStart", Formats.iso(g.firstStartNanos()));
            group.put("lastStart", Formats.iso(g.lastStartNanos()));
            ArrayNode related = group.putArray("relatedSites");
            for (ThreadGroup.Related r : g.relatedSites()) {
                related.addObject().put("site", r.site()).put("reason", r.reason());
            }
        }
        return node;
    }

    private JsonNode recording(Analysis a) {
        ObjectNode node = mapper.createObjectNode();
        ArrayNode runs = node.putArray("runs");
        for (RunFacts r : a.runs()) {
            ObjectNode run = run(r.run());
            run.put("start", Formats.iso(r.startNanos()));
            run.put("end", Formats.iso(r.endNanos()));
            run.put("chunks", r.chunks());
            JvmInfo jvm = r.jvm();
            run.put("jvmName", jvm == null ? null : jvm.jvmName());
            run.put("jvmVersion", jvm == null ? null : jvm.jvmVersion());
            run.put("javaVersion", jvm == null ? null : jvm.javaVersion());
            run.put("os", jvm == null ? null : jvm.os());
            runs.add(run);
        }
        ArrayNode chunks = node.putArray("chunks");
        for (ChunkFacts c : a.chunks()) {
            ObjectNode chunk = chunks.addObject();
            chunk.put("source", c.source());
            chunk.put("index", c.index());
            chunk.put("start", c.startNanos() > 0 ? Formats.iso(c.startNanos()) : null);
            chunk.put("end", c.endNanos() > 0 ? Formats.iso(c.endNanos()) : null);
            chunk.put("outcome", c.outcome().name().toLowerCase(java.util.Locale.ROOT));
            chunk.put("problem", c.problem());
        }
        ArrayNode losses = node.putArray("dataLoss");
        for (LossWindow w : a.losses()) {
            ObjectNode loss = losses.addObject();
            loss.put("from", Formats.iso(w.fromNanos()));
            loss.put("to", Formats.iso(w.toNanos()));
            loss.put("reason", w.reason());
        }
        return node;
    }

    private ObjectNode run(JvmRun run) {
        ObjectNode node = mapper.createObjectNode();
        if (run == null) {
            node.putNull("pid");
            node.putNull("jvmStart");
            return node;
        }
        node.put("pid", run.pid());
        node.put("jvmStart", java.time.Instant.ofEpochMilli(run.jvmStartEpochMillis()).toString());
        return node;
    }

    /** Every list of names goes through here, so each entry is capped (a thread or pool name can be megabytes). */
    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(v -> array.add(Caps.cap(v)));
    }

    private static void frames(ArrayNode array, List<Frame> frames) {
        frames.forEach(f -> array.add(f.toString()));
    }

    /** 2^53: from here on a JSON number read as a double (JavaScript) is no longer exact. */
    private static final long EXACT_IN_A_DOUBLE = 1L << 53;

    /**
     * A connection id as a number, or as a decimal string when a double could not hold it exactly (recordings made
     * before Leakline kept its ids below 2^53; docs/json-schema.md).
     */
    private static void putConnectionId(ObjectNode node, long id) {
        if (id > -EXACT_IN_A_DOUBLE && id < EXACT_IN_A_DOUBLE) {
            node.put("connectionId", id);
        } else {
            node.put("connectionId", Long.toString(id));
        }
    }
}
