#!/usr/bin/env bash
# JVM start-up cost of -javaagent:leakline-agent.jar: starts the same small program (bench/scripts/StartupProbe.java:
# one HttpURLConnection and one java.net.http request to its own loopback server, then exit) N times without and
# N times with the agent, alternating, and prints each one's median wall-clock time and the difference. No
# recording runs (-XX:StartFlightRecording is not given), as in a JVM where the agent waits for a recording.
#
# Usage: bench/agent-startup-bench.sh [N]     (default 11; at least 10)
#   BENCH_JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java bench/agent-startup-bench.sh   (another JDK)
# Needs the agent jar: ./mvnw -B -q -pl jfr-events/agent -am package -DskipTests
set -euo pipefail

cd "$(dirname "$0")/.."
n="${1:-11}"
java="${BENCH_JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}"
javac_dir="$(dirname "$(readlink -f "$(command -v "$java")")")"
agent=jfr-events/agent/target/leakline-agent.jar
[ -f "$agent" ] || { echo "missing $agent: build it first (see the header of this script)" >&2; exit 2; }

out=bench/target/startup
mkdir -p "$out"
"$javac_dir/javac" -d "$out" bench/scripts/StartupProbe.java

millis() { # runs the probe once with the given JVM options, prints its wall-clock milliseconds
  local start end
  start=$(date +%s%N)
  "$java" "$@" -cp "$out" StartupProbe > /dev/null 2>&1
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

millis > /dev/null                       # one warm-up start of each, not counted (file-system caches)
millis "-javaagent:$agent" > /dev/null
: > "$out/without.txt"; : > "$out/with.txt"
for _ in $(seq "$n"); do
  millis >> "$out/without.txt"
  millis "-javaagent:$agent" >> "$out/with.txt"
done
without=$(median < "$out/without.txt")
with=$(median < "$out/with.txt")
echo "java: $("$java" -version 2>&1 | head -1)"
echo "starts: $n each, alternating"
echo "without agent: median ${without} ms  (all: $(tr '\n' ' ' < "$out/without.txt"))"
echo "with agent:    median ${with} ms  (all: $(tr '\n' ' ' < "$out/with.txt"))"
echo "added by the agent: $(awk -v a="$with" -v b="$without" 'BEGIN { print a - b }') ms (median with - median without)"
