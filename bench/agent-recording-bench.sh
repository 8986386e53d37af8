#!/usr/bin/env bash
# What Leakline costs per response while a recording with its events runs, for a client instrumented by
# -javaagent:leakline-agent.jar against the same client wrapped by hand with its adapter (issue 11: the same cost),
# and against the client with no Leakline at all, in one run: AgentRecordingBenchmark (JMH), HttpURLConnection and
# Apache HttpClient 4.5 against an in-memory server (InMemoryServer), so the difference is Leakline's, not a socket's.
# Prints JMH's figures, then per client and per measure (wall-clock; CPU time of the benchmark thread; CPU time of
# the whole JVM, which adds the JFR recorder writing the events) each variant's cost over the baseline and the ratio
# agent / hand-wrapped, with the load average before and after.
#
# Usage: bench/agent-recording-bench.sh [JMH options]
#   No options: 2 forks x (5 warm-up + 5 measured iterations of 1 s) per variant, the shipped opening stack trace,
#   CpuTimeProfiler; about 3 minutes on 2 cores. Options given replace these defaults, for example
#   bench/agent-recording-bench.sh -f 1 -wi 2 -i 3 -p openingStackTrace=true -prof dev.leakline.bench.CpuTimeProfiler
#   BENCH_JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java bench/agent-recording-bench.sh   (another JDK)
# Builds the agent and the benchmarks with the reactor. Output: bench/target/agent-recording-bench.txt and .json.
set -euo pipefail

cd "$(dirname "$0")/.."
./mvnw -q -pl bench,jfr-events/agent -am package -DskipTests

java="${BENCH_JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}"
if [ "$#" -eq 0 ]; then
  set -- -f 2 -wi 5 -w 1s -i 5 -r 1s -p openingStackTrace=true -prof dev.leakline.bench.CpuTimeProfiler
fi
out=bench/target/agent-recording-bench
echo "$("$java" -version 2>&1 | head -2 | tail -1); load average before: $(cut -d' ' -f1-3 /proc/loadavg)" \
  | tee "$out.txt"
"$java" -jar bench/target/benchmarks.jar 'dev.leakline.bench.AgentRecordingBenchmark' \
  -rf json -rff "$out.json" "$@" 2>&1 | tee -a "$out.txt"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out.txt"
python3 - "$out.json" <<'PY' | tee -a "$out.txt"
import json, math, sys

runs = {}
for r in json.load(open(sys.argv[1])):
    name = r["benchmark"].rsplit(".", 1)[1]
    params = ",".join("%s=%s" % kv for kv in sorted(r.get("params", {}).items()))
    runs[(name, params)] = r

def measure(r, key):
    m = r["primaryMetric"] if key is None else r["secondaryMetrics"].get(key)
    if m is None:
        return None
    err = float(m["scoreError"])  # JMH writes "NaN" when one iteration gives no interval
    return float(m["score"]), (0.0 if math.isnan(err) else err)

measures = [("wall-clock ns/op", None), ("benchmark-thread CPU ns/op", "cpu.worker.norm"),
            ("whole-JVM CPU ns/op", "cpu.process.norm")]
print()
print("Per-response cost while a recording of leakline.jfc runs (variant minus its client's baseline;"
      " +- is JMH's 99.9% half-width, root sum of squares for a difference):")
for client in ("urlConnection", "apache4"):
    for params in sorted({p for (n, p) in runs if n.startswith(client)}):
        try:
            base, hand, agent = (runs[(client + v, params)] for v in ("Baseline", "HandWrapped", "Agent"))
        except KeyError:
            continue
        print("%s (%s):" % (client, params or "no params"))
        for label, key in measures:
            b, h, a = measure(base, key), measure(hand, key), measure(agent, key)
            if None in (b, h, a):
                continue
            hc, hce = h[0] - b[0], math.hypot(h[1], b[1])
            ac, ace = a[0] - b[0], math.hypot(a[1], b[1])
            ratio = ac / hc if hc > 0 else float("nan")
            rerr = abs(ratio) * math.hypot(ace / ac if ac else 0, hce / hc if hc else 0)
            print("  %-27s baseline %9.0f +- %6.0f | hand-wrapped %9.0f (+%6.0f +- %5.0f) | agent %9.0f"
                  " (+%6.0f +- %5.0f) | agent/hand-wrapped cost %.2f +- %.2f"
                  % (label, b[0], b[1], h[0], hc, hce, a[0], ac, ace, ratio, rerr))
PY
