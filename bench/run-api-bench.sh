#!/usr/bin/env bash
# Measures the Leakline event API: one full response lifecycle (open, wrap, read to -1, close) with no
# recording running, with a recording of the shipped leakline.jfc running (with and without the opening
# stack trace), and the same body work without Leakline as the baseline. Prints JMH's figures, then
# each one's difference from and ratio to the baseline measured in the same run (the figures quoted
# in docs/performance.md), and whether the targets of issue 2 are met.
#
# Usage: bench/run-api-bench.sh [JMH options]
#   No options: 2 forks x (5 warm-up + 5 measured iterations of 1 s), with -prof gc (bytes allocated per
#   operation) and CpuTimeProfiler (CPU time per operation); about 2.5 minutes on 2 cores. Options
#   given replace these defaults, for example
#   bench/run-api-bench.sh -f 1 -wi 1 -i 3       (a quick look)
#   BENCH_JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java bench/run-api-bench.sh   (another JDK)
#
# The benchmarks are built with the reactor (-am), so they link against this checkout's leakline-jfr-events,
# not whatever version sits in the local Maven repository.
# Output: bench/target/api-bench.txt (everything printed) and bench/target/api-bench.json (JMH's own).
set -euo pipefail

cd "$(dirname "$0")/.."
./mvnw -q -pl bench -am package -DskipTests

java="${BENCH_JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}"
if [ "$#" -eq 0 ]; then
  set -- -f 2 -wi 5 -w 1s -i 5 -r 1s -prof gc -prof dev.leakline.bench.CpuTimeProfiler
fi

"$java" -cp bench/target/benchmarks.jar dev.leakline.bench.ApiBenchReport \
  'dev.leakline.bench.ResponseLifecycleBenchmark' \
  -rf json -rff bench/target/api-bench.json "$@" 2>&1 | tee bench/target/api-bench.txt
