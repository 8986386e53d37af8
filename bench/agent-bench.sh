#!/usr/bin/env bash
# What -javaagent:leakline-agent.jar adds to the response path while no recording runs (issue 11: at most 5 ns):
# AgentResponsePathBenchmark, the JDK's HttpURLConnection.getInputStream() in forks without and with the agent.
# Prints JMH's figures, then the difference, with the machine's load average before and after.
# With a recording running, agent against hand-wrapped: bench/agent-recording-bench.sh.
#
# Usage: bench/agent-bench.sh [JMH options]     (default: 2 forks x 5 warm-up + 5 measured iterations of 1 s)
#   BENCH_JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java bench/agent-bench.sh   (another JDK)
# Builds the agent and the benchmarks with the reactor. Output: bench/target/agent-bench.txt and .json.
set -euo pipefail

cd "$(dirname "$0")/.."
./mvnw -q -pl bench,jfr-events/agent -am package -DskipTests

java="${BENCH_JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee bench/target/agent-bench.txt
"$java" -jar bench/target/benchmarks.jar 'dev.leakline.bench.AgentResponsePathBenchmark' \
  -rf json -rff bench/target/agent-bench.json "$@" 2>&1 | tee -a bench/target/agent-bench.txt
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a bench/target/agent-bench.txt
python3 - bench/target/agent-bench.json <<'PY' | tee -a bench/target/agent-bench.txt
import json, sys
results = {r["benchmark"].rsplit(".", 1)[1]: r["primaryMetric"] for r in json.load(open(sys.argv[1]))}
without, with_ = results["withoutAgent"], results["withAgent"]
print("without agent: %.2f +- %.2f ns/op" % (without["score"], without["scoreError"]))
print("with agent:    %.2f +- %.2f ns/op" % (with_["score"], with_["scoreError"]))
diff = with_["score"] - without["score"]
print("added by the agent: %.2f ns per getInputStream() (target: at most 5 ns): %s"
      % (diff, "met" if diff <= 5 else "NOT met"))
PY
