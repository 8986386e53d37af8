package dev.leakline.analyzer.watch;

import java.io.PrintWriter;
import java.util.Map;

/** Picks the live view for where the output goes. */
public final class Views {
    private Views() {
    }

    /**
     * A redrawn screen on a terminal (colour unless {@code NO_COLOR} is set or {@code TERM=dumb}), else one text line
     * per change; JSON lines when asked, wherever the output goes.
     */
    public static LiveView choose(PrintWriter out, boolean jsonLines, boolean terminal, Map<String, String> env) {
        if (jsonLines) {
            return new ChangeLog(out, true);
        }
        if (terminal) {
            boolean color = !env.containsKey("NO_COLOR") && !"dumb".equals(env.get("TERM"));
            int width = 100;
            try {
                width = Math.max(60, Integer.parseInt(env.getOrDefault("COLUMNS", "100")));
            } catch (NumberFormatException e) {
                // keep 100
            }
            return new Screen(out, color, width);
        }
        return new ChangeLog(out, false);
    }
}
