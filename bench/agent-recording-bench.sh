#!/usr/bin/env bash
# What Leakline costs per response while a recording with its events runs, for a client instrumented by
# -javaagent:leakline-agent.jar against the same client wrapped by hand with its adapter (issue 11: the same cost),
# and against the client with no Leakline at all: AgentRecordingBenchmark (JMH), HttpURLConnection and Apache
# HttpClient 4.5 against an in-memory server (InMemoryServer), so the difference is Leakline's, not a socket's.
#
# The run is split into ROUNDS rounds (default 3); each round measures every variant once (one fork each), so the
# variants compared in a round ran within a minute of each other: on a shared machine whose load moves by several
# cores within minutes, one long run of JMH (all forks of one variant, then the next) mostly measures that drift.
# Prints JMH's figures, then per round, client and measure (wall-clock; CPU time of the benchmark thread; CPU time
# of the whole JVM, which adds the JFR recorder writing the events; bytes the benchmark thread allocated, which the
# load does not move) each variant's cost over the baseline and the ratio agent / hand-wrapped, then the median of each
# over the rounds, with the load average before and after.
#
# Usage: [ROUNDS=n] bench/agent-recording-bench.sh [JMH options for each round]
#   No options: per round and variant 1 fork x (8 warm-up + 4 measured iterations of 1 s), the shipped opening stack
#   trace, CpuTimeProfiler (CPU time and the thread's allocation); about 5 minutes on 2 cores with 3 rounds. Eight
#   warm-up iterations: on the loaded build machine the JIT was still compiling (whole-JVM CPU still falling) until
#   the seventh or eighth.
#   Options given replace these defaults, for example (a quick look)
#   ROUNDS=1 bench/agent-recording-bench.sh -f 1 -wi 2 -i 2 -p openingStackTrace=true -prof dev.leakline.bench.CpuTimeProfiler
#   BENCH_JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java bench/agent-recording-bench.sh   (another JDK)
# Builds the agent and the benchmarks with the reactor. Output: bench/target/agent-recording-bench.txt, and JMH's
# JSON of each round in bench/target/agent-recording-bench-<round>.json.
set -euo pipefail

cd "$(dirname "$0")/.."
./mvnw -q -pl bench,jfr-events/agent -am package -DskipTests

java="${BENCH_JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}"
rounds="${ROUNDS:-3}"
if [ "$#" -eq 0 ]; then
  set -- -f 1 -wi 8 -w 1s -i 4 -r 1s -p openingStackTrace=true -prof dev.leakline.bench.CpuTimeProfiler
fi
out=bench/target/agent-recording-bench
rm -f "$out".txt "$out"-*.json
echo "$("$java" -version 2>&1 | head -2 | tail -1); $(nproc) CPUs; load average before: $(cut -d' ' -f1-3 /proc/loadavg)" \
  | tee "$out.txt"
for round in $(seq 1 "$rounds"); do
  echo "round $round of $rounds, load average $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out.txt"
  "$java" -jar bench/target/benchmarks.jar 'dev.leakline.bench.AgentRecordingBenchmark' \
    -rf json -rff "$out-$round.json" "$@" 2>&1 | tee -a "$out.txt"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out.txt"
python3 - "$out"-*.json <<'PY' | tee -a "$out.txt"
import json, math, statistics, sys

MEASURES = [("wall-clock ns", None), ("thread CPU ns", "cpu.worker.norm"), ("JVM CPU ns", "cpu.process.norm"),
            ("thread bytes allocated", "alloc.worker.norm")]
VARIANTS = ("Baseline", "HandWrapped", "Agent")

def measure(r, key):
    m = r["primaryMetric"] if key is None else r["secondaryMetrics"].get(key)
    return None if m is None else float(m["score"])

rows = {}  # (client, params, measure) -> list of (baseline, hand-wrapped, agent), one per round
for path in sorted(sys.argv[1:], key=lambda p: int(p.rsplit("-", 1)[1].split(".")[0])):
    runs = {}
    for r in json.load(open(path)):
        name = r["benchmark"].rsplit(".", 1)[1]
        params = ",".join("%s=%s" % kv for kv in sorted(r.get("params", {}).items()))
        runs[(name, params)] = r
    for client in ("urlConnection", "apache4"):
        for params in sorted({p for (n, p) in runs if n.startswith(client)}):
            if not all((client + v, params) in runs for v in VARIANTS):
                continue
            for label, key in MEASURES:
                values = [measure(runs[(client + v, params)], key) for v in VARIANTS]
                if None not in values:
                    rows.setdefault((client, params, label), []).append(values)

print()
print("Per-response cost while a recording of leakline.jfc runs: each variant minus its client's")
print("baseline in the same round; ratio = agent cost / hand-wrapped cost.")
for (client, params, label), rounds in rows.items():
    print("%s (%s), %s:" % (client, params or "no params", label))
    ratios, hands, agents = [], [], []
    for i, (b, h, a) in enumerate(rounds, 1):
        hc, ac = h - b, a - b
        ratio = ac / hc if hc > 0 else float("nan")
        hands.append(hc); agents.append(ac); ratios.append(ratio)
        print("  round %d: baseline %8.0f  hand-wrapped %8.0f (%+6.0f)  agent %8.0f (%+6.0f)  ratio %.2f"
              % (i, b, h, hc, a, ac, ratio))
    # A ratio is meaningless when the hand-wrapped cost came out at or below zero (noise larger than the cost).
    valid = [r for r in ratios if not math.isnan(r)]
    print("  median over %d rounds: hand-wrapped %+.0f, agent %+.0f, ratio %s"
          % (len(rounds), statistics.median(hands), statistics.median(agents),
             "%.2f (rounds: %.2f to %.2f)" % (statistics.median(valid), min(valid), max(valid)) if valid else "n/a"))
PY
