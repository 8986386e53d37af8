package dev.leakline.analyzer.watch;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

import dev.leakline.analyzer.report.TerminalLines;
import dev.leakline.engine.format.Formats;

/**
 * The live view on a terminal: the whole screen redrawn about once a second (cursor home, clear), so the latest state
 * is always in the same place. Colour (leaks red, outstanding yellow) only when asked for: the command gives it only
 * on a terminal and never when {@code NO_COLOR} is set.
 */
final class Screen implements LiveView {
    private static final int MAX_LEAKS = 10;
    private static final int MAX_SITES = 12;

    private final PrintWriter out;
    private final boolean color;
    private final int width;
    private WatchInfo info;

    Screen(PrintWriter out, boolean color, int width) {
        this.out = out;
        this.color = color;
        this.width = width;
    }

    @Override
    public void started(WatchInfo info) {
        this.info = info;
    }

    @Override
    public void update(LiveState now) {
        List<String> lines = render(now);
        StringBuilder frame = new StringBuilder("\033[H\033[2J");
        for (String line : lines) {
            frame.append(line).append('\n');
        }
        out.print(frame);
        out.flush();
    }

    @Override
    public boolean outputFailed() {
        return out.checkError();
    }

    @Override
    public void ended(LiveState last, String reason, int exitCode) {
        update(last);
        out.println(bold("Watch ended (" + reason + "): ") + Summary.line(last) + "; exit " + exitCode);
        out.flush();
    }

    List<String> render(LiveState now) {
        List<String> lines = new ArrayList<>();
        long elapsed = Math.max(0, now.asOfNanos() - info.startNanos()) / 1_000_000;
        String who = info.target().equals("pid " + info.pid()) ? info.target() : info.target() + " (pid " + info.pid()
                + ")";
        lines.add(bold(fit("leakline watch  " + who + ", Java " + info.javaVersion() + "  " + Formats.duration(elapsed) + "  min age " + Formats.typed(info.minAge())
                + "  Ctrl-C to stop")));
        lines.add("");
        lines.add(bold("Outstanding responses per site") + "  (opened, neither read to the end nor closed)");
        int shown = 0;
        for (LiveState.SiteRow s : now.sites()) {
            if (s.outstanding() == 0 && s.leaked() == 0) {
                continue;
            }
            if (shown++ == MAX_SITES) {
                lines.add("  ...");
                break;
            }
            String counts = String.format("%5d open  %5d leaked  oldest %8s  ", s.outstanding(), s.leaked(),
                    s.outstanding() > 0 ? Formats.duration(s.oldestAgeNanos() / 1_000_000) : "-");
            String line = "  " + counts + fit(TerminalLines.escape(shortSite(s.site())), width - counts.length() - 2);
            lines.add(s.leaked() > 0 ? red(line) : s.outstanding() > 0 ? yellow(line) : line);
        }
        if (shown == 0) {
            lines.add("  none");
        }
        lines.add("");
        lines.add(bold("Leaks") + "  (open longer than " + Formats.typed(info.minAge()) + ")");
        if (now.leaks().isEmpty()) {
            lines.add("  none");
        }
        List<LiveState.LeakRow> leaks = now.leaks();
        int from = Math.max(0, leaks.size() - MAX_LEAKS);
        if (from > 0) {
            lines.add("  ... " + from + " older");
        }
        for (LiveState.LeakRow l : leaks.subList(from, leaks.size())) {
            lines.add(red(fit("  " + Formats.time(l.openedNanos()) + "  open " + Formats.duration(l.ageNanos()
                    / 1_000_000) + "  " + TerminalLines.escape(shortSite(l.site())) + "  " + TerminalLines.escape(l.method())
                    + " " + TerminalLines.escape(l.uri()))));
        }
        lines.add("");
        lines.add(bold("Pools") + "  (connections held by outstanding responses)");
        if (now.pools().isEmpty()) {
            lines.add("  none");
        }
        for (LiveState.PoolRow p : now.pools()) {
            lines.add(fit(String.format("  %5d held  %5d by leaks  ", p.held(), p.heldByLeaks())
                    + TerminalLines.escape(p.pool())));
        }
        lines.add("");
        lines.add(bold("Client threads alive"));
        if (now.threads().isEmpty()) {
            lines.add("  none");
        }
        for (LiveState.ThreadRow t : now.threads()) {
            lines.add(fit(String.format("  %5d x ", t.alive()) + TerminalLines.escape(t.name())));
        }
        lines.add("");
        lines.add(Summary.line(now));
        return lines;
    }

    /**
     * A site without its package, {@code Shop.buy(Shop.java:42)}, as the text report's headings print it: the screen
     * has room for one line per site. (The change lines and JSON lines keep the full name.)
     */
    static String shortSite(String site) {
        int paren = site.indexOf('(');
        String head = paren < 0 ? site : site.substring(0, paren);
        int method = head.lastIndexOf('.');
        int type = method < 0 ? -1 : head.lastIndexOf('.', method - 1);
        return type < 0 ? site : site.substring(type + 1);
    }

    private String fit(String text) {
        return fit(text, width);
    }

    private static String fit(String text, int columns) {
        return text.length() <= columns ? text : text.substring(0, Math.max(0, columns - 3)) + "...";
    }

    private String bold(String s) {
        return color ? "\033[1m" + s + "\033[0m" : s;
    }

    private String red(String s) {
        return color ? "\033[31m" + s + "\033[0m" : s;
    }

    private String yellow(String s) {
        return color ? "\033[33m" + s + "\033[0m" : s;
    }
}
