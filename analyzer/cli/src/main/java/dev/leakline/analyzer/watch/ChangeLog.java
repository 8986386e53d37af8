package dev.leakline.analyzer.watch;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.leakline.analyzer.report.TerminalLines;
import dev.leakline.engine.format.Formats;

/**
 * The live view off a terminal: one line per change (a new site, a site's outstanding count, a new leak, a leak that
 * finished after all, a pool's connections held, a client thread count), as text or as JSON lines. Ages change every second,
 * so they are reported with a change but are not one themselves.
 */
final class ChangeLog implements LiveView {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintWriter out;
    private final boolean jsonLines;
    private LiveState last;

    /** @param jsonLines one JSON object per line (the stable interface) instead of text */
    ChangeLog(PrintWriter out, boolean jsonLines) {
        this.out = out;
        this.jsonLines = jsonLines;
    }

    @Override
    public void started(WatchInfo info) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("type", "start");
        o.put("time", Formats.iso(info.startNanos()));
        o.put("target", info.target());
        o.put("pid", info.pid());
        o.put("javaVersion", info.javaVersion());
        o.put("minAge", Formats.typed(info.minAge()));
        emit(o, Formats.time(info.startNanos()) + " watching " + info.target() + " (pid " + info.pid() + ", Java "
                + info.javaVersion() + "), min age " + Formats.typed(info.minAge()) + "; Ctrl-C to stop");
    }

    @Override
    public void update(LiveState now) {
        String at = Formats.time(now.asOfNanos());
        Map<String, LiveState.SiteRow> before = new HashMap<>();
        Map<String, LiveState.LeakRow> leaksBefore = new HashMap<>();
        Map<String, LiveState.PoolRow> poolsBefore = new HashMap<>();
        Map<String, LiveState.ThreadRow> threadsBefore = new HashMap<>();
        if (last != null) {
            last.sites().forEach(s -> before.put(s.site(), s));
            last.leaks().forEach(l -> leaksBefore.put(l.key(), l));
            last.pools().forEach(p -> poolsBefore.put(p.pool(), p));
            last.threads().forEach(t -> threadsBefore.put(t.name(), t));
        }
        for (LiveState.LeakRow leak : now.leaks()) {
            if (leaksBefore.remove(leak.key()) == null) {
                Map<String, Object> o = event("leak", now);
                o.put("site", leak.site());
                o.put("responseId", leak.id());
                o.put("client", leak.client());
                o.put("method", leak.method());
                o.put("uri", leak.uri());
                o.put("thread", leak.thread());
                o.put("pool", leak.pool());
                o.put("opened", Formats.iso(leak.openedNanos()));
                o.put("ageMillis", leak.ageNanos() / 1_000_000);
                emit(o, at + " LEAK " + leak.site() + ": response " + leak.id() + " " + leak.method() + " "
                        + leak.uri() + " open " + Formats.duration(leak.ageNanos() / 1_000_000) + " (" + leak.client()
                        + ", thread " + leak.thread() + ")");
            }
        }
        for (LiveState.LeakRow gone : leaksBefore.values()) {
            Map<String, Object> o = event("unleaked", now);
            o.put("site", gone.site());
            o.put("responseId", gone.id());
            emit(o, at + " finished after all: " + gone.site() + ": response " + gone.id()
                    + " (no longer leaked: read or closed late)");
        }
        for (LiveState.SiteRow site : now.sites()) {
            LiveState.SiteRow was = before.get(site.site());
            long wasOutstanding = was == null ? 0 : was.outstanding();
            long wasLeaked = was == null ? 0 : was.leaked();
            if (was == null || site.outstanding() != wasOutstanding || site.leaked() != wasLeaked) {
                Map<String, Object> o = event("site", now);
                o.put("site", site.site());
                o.put("outstanding", site.outstanding());
                o.put("leaked", site.leaked());
                o.put("oldestAgeMillis", site.oldestAgeNanos() / 1_000_000);
                o.put("responses", site.total());
                emit(o, at + " site " + site.site() + ": " + site.outstanding() + " outstanding"
                        + (site.outstanding() > 0 ? " (oldest " + Formats.duration(site.oldestAgeNanos() / 1_000_000)
                                + ")" : "") + ", " + site.leaked() + " leaked, " + site.total()
                        + (site.total() == 1 ? " response" : " responses"));
            }
        }
        for (LiveState.PoolRow pool : now.pools()) {
            LiveState.PoolRow was = poolsBefore.remove(pool.pool());
            if (was == null || was.held() != pool.held() || was.heldByLeaks() != pool.heldByLeaks()) {
                pool(now, at, pool.pool(), pool.held(), pool.heldByLeaks());
            }
        }
        for (LiveState.PoolRow emptied : poolsBefore.values()) {
            pool(now, at, emptied.pool(), 0, 0);
        }
        for (LiveState.ThreadRow t : now.threads()) {
            LiveState.ThreadRow was = threadsBefore.remove(t.name());
            if (was == null || was.alive() != t.alive()) {
                threads(now, at, t.name(), t.alive());
            }
        }
        for (LiveState.ThreadRow ended : threadsBefore.values()) {
            threads(now, at, ended.name(), 0);
        }
        out.flush();
        last = now;
    }

    private void pool(LiveState now, String at, String pool, long held, long byLeaks) {
        Map<String, Object> o = event("pool", now);
        o.put("pool", pool);
        o.put("connectionsHeld", held);
        o.put("heldByLeaks", byLeaks);
        emit(o, at + " pool " + pool + ": " + held + " connection" + (held == 1 ? "" : "s")
                + " held by outstanding responses (" + byLeaks + " by leaks)");
    }

    private void threads(LiveState now, String at, String name, long alive) {
        Map<String, Object> o = event("threads", now);
        o.put("name", name);
        o.put("alive", alive);
        emit(o, at + " threads " + name + ": " + alive + " alive");
    }

    @Override
    public boolean outputFailed() {
        return out.checkError();
    }

    @Override
    public void ended(LiveState last, String reason, int exitCode) {
        Map<String, Object> o = event("end", last);
        o.put("reason", reason);
        o.put("leaked", last.leaked());
        Map<String, Long> verdicts = new LinkedHashMap<>();
        last.totals().forEach((v, n) -> verdicts.put(v.id(), n));
        o.put("verdicts", verdicts);
        java.util.List<Map<String, Object>> sites = new java.util.ArrayList<>();
        for (LiveState.SiteRow s : last.sites()) {
            Map<String, Object> site = new LinkedHashMap<>();
            site.put("site", s.site());
            Map<String, Long> counts = new LinkedHashMap<>();
            s.counts().forEach((v, n) -> {
                if (n > 0) {
                    counts.put(v.id(), n);
                }
            });
            site.put("counts", counts);
            sites.add(site);
        }
        o.put("sites", sites);
        o.put("exitCode", exitCode);
        emit(o, Formats.time(last.asOfNanos()) + " end (" + reason + "): " + Summary.line(last) + "; exit "
                + exitCode);
        out.flush();
    }

    private static Map<String, Object> event(String type, LiveState now) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("type", type);
        o.put("time", Formats.iso(now.asOfNanos()));
        return o;
    }

    private void emit(Map<String, Object> json, String text) {
        if (jsonLines) {
            try {
                out.println(JSON.writeValueAsString(json));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e); // only maps of strings and numbers: cannot happen
            }
        } else {
            out.println(TerminalLines.escape(text)); // URIs, thread names and sites come from the target
        }
    }
}
