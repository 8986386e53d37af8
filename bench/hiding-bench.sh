#!/usr/bin/env bash
# What hiding the events the analyzer does not need from JMC saves (docs/performance.md, "Events JMC never decodes"):
# `leakline analyze FILE` with hiding (the default) against the same jar with -Dleakline.hideUnneededEvents=false,
# beside a bare jdk.jfr.consumer.RecordingFile pass, alternating A B C over RUNS rounds, in one run. Prints each run,
# the medians of wall and CPU time (user + sys, all threads), the ratios, and whether both analyses printed the same
# report (they must: hiding changes what JMC decodes, never a verdict).
#
# Usage: bench/hiding-bench.sh FILE.jfr
#   RUNS=5       rounds (the median is reported)
#   HEAP=128m    -Xmx of the analyzer
#   SKIP_BUILD=1 use the jar already built
# Make a recording full of JDK events with the generator, e.g. (about 170 MB, 83 % JDK events):
#   java -XX:FlightRecorderOptions:memorysize=64m -Dnoise=5 -Dresponses=200000 \
#     -cp <classes of bench/scripts>:<core jar> dev.leakline.bench.scripts.GenerateBigRecording noise.jfr 1
# (bench/analyzer-targets.sh does this for its noise recording.)
set -euo pipefail
cd "$(dirname "$0")/.."
file="${1:?usage: bench/hiding-bench.sh FILE.jfr}"
runs="${RUNS:-5}"
heap="${HEAP:-128m}"
java="${BENCH_JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}"
jdk_bin="$(dirname "$(command -v "$java")")"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  ./mvnw -B -q -pl jfr-events/core,analyzer/cli -am package -DskipTests
fi
core_jar=$(ls jfr-events/core/target/leakline-jfr-events-*.jar | grep -v -e sources -e javadoc | head -1)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/leakline-hiding.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cp analyzer/cli/target/leakline.jar "$tmp/leakline.jar"
"$jdk_bin/javac" -d "$tmp/classes" -cp "$core_jar" bench/scripts/*.java

# timed NAME CMD...: appends wall and CPU seconds to NAME.wall and NAME.cpu; stdout to NAME.out
timed() {
  local name=$1; shift
  local TIMEFORMAT='%R %U %S' rc=0
  { time "$@" > "$tmp/$name.out" 2> "$tmp/$name.err" || rc=$?; } 2> "$tmp/$name.time"
  if [ "$rc" -gt 1 ]; then echo "hiding-bench: $name exited $rc: $(head -1 "$tmp/$name.err")" >&2; exit 1; fi
  awk '{ printf "%.2f\n", $1 }' "$tmp/$name.time" >> "$tmp/$name.wall"
  awk '{ printf "%.2f\n", $2 + $3 }' "$tmp/$name.time" >> "$tmp/$name.cpu"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
div() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
row() { printf '%-44s wall %5s s (runs: %s)   CPU %5s s\n' "$1" "$(median < "$tmp/$2.wall")" \
  "$(tr '\n' ' ' < "$tmp/$2.wall" | sed 's/ $//')" "$(median < "$tmp/$2.cpu")"; }

"$java" -cp "$tmp/classes" dev.leakline.bench.scripts.RecordingFilePass "$file" > "$tmp/check.txt" # page cache warm
for i in $(seq 1 "$runs"); do
  timed base "$java" -Xmx256m -cp "$tmp/classes" dev.leakline.bench.scripts.RecordingFilePass "$file"
  timed hiding "$java" "-Xmx$heap" -jar "$tmp/leakline.jar" analyze "$file"
  timed decoding "$java" "-Xmx$heap" -Dleakline.hideUnneededEvents=false -jar "$tmp/leakline.jar" analyze "$file"
done

events=$(sed -n 's/^events=//p' "$tmp/check.txt")
leakline=$(sed -n 's/^leakline_events=//p' "$tmp/check.txt")
echo "== hiding bench, $(date -u '+%Y-%m-%d %H:%M UTC'), JDK $("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.runtime.version = //p'), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "recording: $file, $(awk -v s="$(stat -c %s "$file")" 'BEGIN { printf "%.1f", s / 1048576 }') MB, $events events, of which Leakline $leakline; $runs rounds, median"
row "RecordingFile pass (-Xmx256m)" base
row "analyze, hiding (default, -Xmx$heap)" hiding
row "analyze, JMC decodes every event (-Xmx$heap)" decoding
b=$(median < "$tmp/base.wall"); h=$(median < "$tmp/hiding.wall"); d=$(median < "$tmp/decoding.wall")
bc=$(median < "$tmp/base.cpu"); hc=$(median < "$tmp/hiding.cpu"); dc=$(median < "$tmp/decoding.cpu")
echo "hiding / decoding every event: wall $(div "$h" "$d"), CPU $(div "$hc" "$dc")"
echo "to the RecordingFile pass: hiding wall $(div "$h" "$b"), CPU $(div "$hc" "$bc"); decoding wall $(div "$d" "$b"), CPU $(div "$dc" "$bc")"
if cmp -s "$tmp/hiding.out" "$tmp/decoding.out"; then echo "same report with and without hiding: yes"; else echo "same report with and without hiding: NO"; exit 1; fi
