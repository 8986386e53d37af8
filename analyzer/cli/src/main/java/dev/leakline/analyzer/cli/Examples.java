package dev.leakline.analyzer.cli;

/** Example invocations, shown with no arguments and in {@code --help}. */
final class Examples {
    static final String TEXT = String.join("%n",
            "Examples:",
            "  leakline analyze app.jfr",
            "      leaked responses and the lines that opened them",
            "  leakline analyze --min-age 30s app.jfr.gz",
            "      only responses open longer than 30 seconds count as leaked",
            "  leakline analyze /tmp/2026_11_23_04_00_00_4242/",
            "      a JFR repository directory: all its chunks",
            "  leakline analyze --format json -o report.json app.jfr",
            "      the stable JSON report (docs/json-schema.md), written whole or not at all",
            "  ssh host cat /var/log/app.jfr.gz | leakline analyze -",
            "      standard input (or a pipe: <(zcat app.jfr.gz)), copied to a temporary file first",
            "  leakline analyze --ignore-thread 'my-pool-#' --skip-frames com.acme.http. \\",
            "                   app.jfr",
            "      hide your own long-lived threads; treat your HTTP wrapper as library code",
            "  leakline timeline app.jfr",
            "      outstanding responses, held connections and leaks per pool over time",
            "  leakline report app.jfr -o report.html",
            "      one self-contained HTML page: charts, leak sites with stacks, threads",
            "  leakline watch 4242 --duration 5m",
            "      a running JVM, live: outstanding responses per site, new leaks (docs/watch.md)",
            "  leakline watch --jmx 10.0.0.5:9010 --until-leak --format jsonl",
            "      over JMX; stop at the first leak, one JSON object per change",
            "",
            "Exit codes: 0 no leak, 1 leaks found, 2 bad input or usage, 3 internal error, 4 cannot write the"
            + " report (or the --dump of watch), 5 no usable Java (launcher), 6 watch cannot reach the JVM.");

    private Examples() {
    }
}
