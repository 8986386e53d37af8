#!/usr/bin/env bash
# Measures `leakline analyze` on a large recording with a small heap, against a plain jdk.jfr.consumer.RecordingFile
# pass over the same file measured in the same run (the baseline), and checks the analyzer's verdicts against what the
# generator says it wrote. Prints a table (the figures quoted in docs/performance.md).
#
# Usage: bench/analyzer-bench.sh [RECORDING.jfr]
#   No argument: generates a recording of TARGET_MB (default 520) MB into a temporary directory with
#   bench/scripts/GenerateBigRecording.java (about a minute on 2 cores) and deletes it at the end.
#   With a recording: measures that file (never deletes it); verdicts are checked only if RECORDING.jfr.gen.txt (the
#   generator's output, kept by KEEP=1) is next to it.
# Environment:
#   TARGET_MB=520      size of the generated recording
#   HEAP=256m          -Xmx of the analyzer and of the baseline
#   FALLBACK_HEAP=2g   if the analyzer fails with HEAP, it runs once more with this heap (noted in the table) so that
#                      its verdicts can still be checked
#   RUNS=3             measured runs of each (baseline and analyzer alternate, so load changes hit both)
#   GEN_RATE_MB=10     the generator's write pace (MB/s); it is halved and the file made again if JFR drops data
#   BENCH_JAVA=...     the java to run everything with (default: $JAVA_HOME/bin/java, else java on the PATH)
#   SKIP_BUILD=1       use the jars already in jfr-events/core/target and analyzer/cli/target
#   KEEP=1             keep the temporary directory (the recording, JSON reports, GC logs) and print its path
# Needs: a JDK 17+, jq (to read the JSON report); /usr/bin/time (GNU time) for peak RSS, optional.
set -euo pipefail

given=""
if [ "$#" -ge 1 ]; then
  given=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") # resolved before the cd below
  [ -f "$given" ] || { echo "analyzer-bench: $1: no such file" >&2; exit 2; }
fi
cd "$(dirname "$0")/.."
java="${BENCH_JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}"
javac="$(dirname "$(command -v "$java")")/javac"
heap="${HEAP:-256m}"
runs="${RUNS:-3}"
target_mb="${TARGET_MB:-520}"
command -v jq >/dev/null || { echo "analyzer-bench: needs jq to read the JSON report (apt-get install jq)" >&2; exit 2; }
gnu_time=""
if /usr/bin/time -v true >/dev/null 2>&1; then
  gnu_time=/usr/bin/time
fi

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  ./mvnw -q -pl jfr-events/core,analyzer/cli -am package -DskipTests
fi
core_jar=$(ls jfr-events/core/target/leakline-jfr-events-*.jar | grep -v -e sources -e javadoc | head -1)
leakline_jar=analyzer/cli/target/leakline.jar

tmp=$(mktemp -d "${TMPDIR:-/tmp}/leakline-analyzer-bench.XXXXXX")
cleanup() {
  if [ "${KEEP:-0}" = 1 ]; then
    echo "kept: $tmp"
  else
    rm -rf "$tmp"
  fi
}
trap cleanup EXIT

# Compiled once, so that neither measured command includes the source launcher's in-memory compilation.
"$javac" -d "$tmp/classes" -cp "$core_jar" bench/scripts/*.java

gen="$tmp/gen.txt"
if [ -n "$given" ]; then
  file="$given"
  if [ -f "$file.gen.txt" ]; then
    cp "$file.gen.txt" "$gen"
  else
    : > "$gen"
  fi
else
  file="$tmp/big.jfr"
  # The generated file must hold every event, or the expected verdicts do not hold: a check pass (which also brings
  # the file into the page cache for both measured commands) looks for jdk.DataLoss, and the generation is redone at
  # half the pace if JFR dropped anything (it does when its recorder thread gets too little CPU on a busy machine).
  rate="${GEN_RATE_MB:-10}"
  for attempt in 1 2 3; do
    echo "== generating a ${target_mb} MB recording at ${rate} MB/s (bench/scripts/GenerateBigRecording.java)"
    "$java" -XX:FlightRecorderOptions:memorysize=64m "-DrateMb=$rate" -cp "$tmp/classes:$core_jar" \
      dev.leakline.bench.scripts.GenerateBigRecording "$file" "$target_mb" | tee "$gen"
    "$java" -cp "$tmp/classes" dev.leakline.bench.scripts.RecordingFilePass "$file" > "$tmp/check.out"
    lost=$(sed -n 's/^data_loss_events=//p' "$tmp/check.out")
    written=$(sed -n 's/^leakline_events=//p' "$tmp/check.out")
    expected=$(sed -n 's/^events_leakline=//p' "$gen")
    if [ "$lost" = 0 ] && [ "$written" = "$expected" ]; then
      echo "   check pass: all $written Leakline events are in the file, no jdk.DataLoss"
      break
    fi
    echo "   check pass: JFR dropped data ($lost jdk.DataLoss events, $written of $expected Leakline events written)"
    [ "$attempt" -lt 3 ] || { echo "analyzer-bench: could not write a complete recording; try GEN_RATE_MB=2" >&2; exit 1; }
    rate=$(awk -v r="$rate" 'BEGIN { print r / 2 }')
  done
  cp "$gen" "$file.gen.txt"
fi
value() { # value KEY FILE: the value of a key=value line, empty when absent
  sed -n "s/^$1=//p" "$2" | tail -1
}

# run NAME OUT_PREFIX CMD...: runs CMD, records wall seconds, exit code and peak RSS (KB) in OUT_PREFIX.{wall,rc,rss}
run() {
  local prefix=$1; shift
  local start end rc=0
  start=$(date +%s.%N)
  if [ -n "$gnu_time" ]; then
    "$gnu_time" -v -o "$prefix.time" "$@" > "$prefix.out" 2> "$prefix.err" || rc=$?
  else
    "$@" > "$prefix.out" 2> "$prefix.err" || rc=$?
  fi
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f\n", b - a }' > "$prefix.wall"
  echo "$rc" > "$prefix.rc"
  if [ -n "$gnu_time" ]; then
    sed -n 's/.*Maximum resident set size (kbytes): //p' "$prefix.time" > "$prefix.rss"
    awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f\n", s }' "$prefix.time" > "$prefix.cpu"
  else
    echo "" > "$prefix.rss"
    echo "" > "$prefix.cpu"
  fi
}
# The largest heap occupancy after a GC in a -Xlog:gc log ("... 120M->35M(256M) ..."): the live data, roughly.
max_after_gc() {
  grep -o -- '->[0-9]*M' "$1" 2>/dev/null | tr -d -- '->M' | sort -n | tail -1
}
oom() {
  grep -q -e OutOfMemoryError "$1" && echo yes || echo no
}

baseline_heap="$heap"
for i in $(seq 1 "$runs"); do
  echo "== run $i of $runs: baseline (RecordingFile pass, -Xmx$baseline_heap)"
  run "$tmp/base$i" "$java" "-Xmx$baseline_heap" "-Xlog:gc:file=$tmp/base$i.gc" -cp "$tmp/classes" \
    dev.leakline.bench.scripts.RecordingFilePass "$file"
  if [ "$(cat "$tmp/base$i.rc")" != 0 ] && [ "$(oom "$tmp/base$i.err")" = yes ]; then
    baseline_heap=1g
    echo "   the baseline ran out of memory at -Xmx$heap; it runs with -Xmx$baseline_heap from now on (noted in the table)"
    run "$tmp/base$i" "$java" "-Xmx$baseline_heap" "-Xlog:gc:file=$tmp/base$i.gc" -cp "$tmp/classes" \
      dev.leakline.bench.scripts.RecordingFilePass "$file"
  fi
  [ "$(cat "$tmp/base$i.rc")" = 0 ] || { cat "$tmp/base$i.err" >&2; echo "analyzer-bench: the baseline failed" >&2; exit 1; }
  sed -n '1,/^events=/p' "$tmp/base$i.out" | grep -v '^events=' | sed 's/^/   /'
  echo "   wall $(cat "$tmp/base$i.wall") s"

  echo "== run $i of $runs: leakline analyze --format json (-Xmx$heap)"
  run "$tmp/an$i" "$java" "-Xmx$heap" "-Xlog:gc:file=$tmp/an$i.gc" -jar "$leakline_jar" analyze --format json "$file"
  echo "   exit $(cat "$tmp/an$i.rc"), wall $(cat "$tmp/an$i.wall") s, out of memory: $(oom "$tmp/an$i.err")"
  sed 's/^/   stderr: /' "$tmp/an$i.err" | head -5
done

an_failed=no
for i in $(seq 1 "$runs"); do
  rc=$(cat "$tmp/an$i.rc")
  if { [ "$rc" != 0 ] && [ "$rc" != 1 ]; } || [ "$(oom "$tmp/an$i.err")" = yes ]; then an_failed=yes; fi
done
json="$tmp/an1.out"
if [ "$an_failed" = yes ]; then
  fallback_heap="${FALLBACK_HEAP:-2g}"
  echo "== the analyzer failed with -Xmx$heap; once more with -Xmx$fallback_heap (for its verdicts and time)"
  run "$tmp/fb" "$java" "-Xmx$fallback_heap" "-Xlog:gc:file=$tmp/fb.gc" -jar "$leakline_jar" analyze --format json "$file"
  echo "   exit $(cat "$tmp/fb.rc"), wall $(cat "$tmp/fb.wall") s, out of memory: $(oom "$tmp/fb.err")"
  sed 's/^/   stderr: /' "$tmp/fb.err" | head -5
  json="$tmp/fb.out"
fi

# Figures of the runs: the median of the walls (the lower middle one for an even count).
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
base_wall=$(cat "$tmp"/base*.wall | median)
an_wall=$(cat "$tmp"/an[0-9]*.wall | median)
base_pass=$(for i in $(seq 1 "$runs"); do value pass_seconds "$tmp/base$i.out"; done | median)
base_rss=$(cat "$tmp"/base*.rss | median)
base_cpu=$(cat "$tmp"/base*.cpu | median)
an_cpu=$(cat "$tmp"/an[0-9]*.cpu | median)
an_rss=$(cat "$tmp"/an[0-9]*.rss | sort -n | tail -1)
base_live=$(for i in $(seq 1 "$runs"); do max_after_gc "$tmp/base$i.gc"; done | sort -n | tail -1)
an_live=$(for i in $(seq 1 "$runs"); do max_after_gc "$tmp/an$i.gc"; done | sort -n | tail -1)
an_ok=$([ "$an_failed" = yes ] && echo no || echo yes)

# Verdicts: the analyzer's against the generator's plan, and its event count against the baseline's.
check() { # check LABEL EXPECTED ACTUAL
  if [ -z "$2" ]; then
    printf '  %-34s %12s %12s  %s\n' "$1" "-" "$3" "(no expectation)"
  elif [ "$2" = "$3" ]; then
    printf '  %-34s %12s %12s  %s\n' "$1" "$2" "$3" "ok"
  else
    printf '  %-34s %12s %12s  %s\n' "$1" "$2" "$3" "MISMATCH"
    mismatches=$((mismatches + 1))
  fi
}
mismatches=0
an_leaked=""; an_clean=""; an_unread=""; an_events=""; an_sites=""; an_alive=""; an_chunks=""; an_loss=""
if jq -e .summary "$json" >/dev/null 2>&1; then
  an_leaked=$(jq .summary.verdicts.leaked "$json")
  an_clean=$(jq .summary.verdicts.clean "$json")
  an_unread=$(jq .summary.verdicts.closed_unread "$json")
  an_events=$(jq .summary.leaklineEvents "$json")
  an_sites=$(jq .summary.leakSites "$json")
  an_alive=$(jq '[.threads.aliveAtEnd[] | select(.namePattern == "cache-refresher-#") | .count] | add // 0' "$json")
  an_chunks=$(jq '[.recording.chunks[] | select(.outcome == "read")] | length' "$json")
  an_loss=$(jq '.recording.dataLoss | length' "$json")
fi

size=$(stat -c %s "$file")
chunks=$(value chunks "$gen")
[ -n "$chunks" ] || chunks=$an_chunks
events=$(value events "$tmp/base1.out")
div() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "-"; else printf "%.2f", a / b }'; }

echo
echo "== the file (expected from the generator, actual from the baseline's pass)"
printf '  %-34s %12s %12s\n' "" "expected" "baseline"
check "Leakline events in the file" "$(value events_leakline "$gen")" "$(value leakline_events "$tmp/base1.out")"
check "jdk.DataLoss events in the file" "$([ -s "$gen" ] && echo 0)" "$(value data_loss_events "$tmp/base1.out")"
echo "== verdicts (expected from the generator, actual from the analyzer's JSON$([ "$an_failed" = yes ] && echo ", run with -Xmx$fallback_heap"))"
printf '  %-34s %12s %12s\n' "" "expected" "analyzer"
check "leaked responses" "$(value expected_leaked "$gen")" "$an_leaked"
check "closed_unread responses" "$(value expected_closed_unread "$gen")" "$an_unread"
check "clean responses" "$(value expected_clean "$gen")" "$an_clean"
check "Leakline events (baseline's count)" "$(value leakline_events "$tmp/base1.out")" "$an_events"
check "leak sites" "$([ -s "$gen" ] && echo 2)" "$an_sites"
check "cache-refresher threads alive" "$(value threads_left_alive "$gen")" "$an_alive"
check "chunks read" "$chunks" "$an_chunks"
check "data-loss windows" "$([ -s "$gen" ] && echo 0)" "$an_loss"

cpus=$(nproc)
load=$(cut -d' ' -f1-3 /proc/loadavg)
jdk=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.runtime.version = //p')
echo
echo "== leakline analyzer benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), JDK $jdk, $cpus CPUs, load average $load"
printf '%-44s %s\n' "recording" "$(awk -v s="$size" 'BEGIN { printf "%.1f", s / 1048576 }') MB ($size bytes), $chunks chunks, $events events"
printf '%-44s %s\n' "runs of each (median wall time reported)" "$runs (baseline walls: $(cat "$tmp"/base*.wall | tr '\n' ' ')s; analyzer walls: $(cat "$tmp"/an[0-9]*.wall | tr '\n' ' ')s)"
printf '%-44s %s\n' "baseline: RecordingFile pass, wall" "$base_wall s (-Xmx$baseline_heap$([ "$baseline_heap" != "$heap" ] && echo ", failed at -Xmx$heap"))"
printf '%-44s %s\n' "baseline: the pass alone (no JVM start)" "$base_pass s"
printf '%-44s %s\n' "analyzer: leakline analyze --format json, wall" "$an_wall s"
printf '%-44s %s\n' "ratio analyzer / baseline (wall)" "$(div "$an_wall" "$base_wall")$([ "$an_failed" = yes ] && echo " (until it failed)")"
[ "$an_failed" = yes ] || printf '%-44s %s\n' "analyzer throughput" "$(awk -v s="$size" -v t="$an_wall" 'BEGIN { printf "%.1f", s / 1048576 / t }') MB/s"
if [ -n "$gnu_time" ]; then
  printf '%-44s %s\n' "CPU time (user+sys), median: baseline" "$base_cpu s"
  printf '%-44s %s\n' "CPU time (user+sys), median: analyzer" "$an_cpu s"
  printf '%-44s %s\n' "ratio analyzer / baseline (CPU)" "$(div "$an_cpu" "$base_cpu")$([ "$an_failed" = yes ] && echo " (until it failed)")"
fi
printf '%-44s %s\n' "analyzer with -Xmx$heap" "$([ "$an_ok" = yes ] && echo OK || echo "FAILED: OutOfMemoryError")"
if [ "$an_failed" = yes ]; then
  printf '%-44s %s\n' "analyzer with -Xmx$fallback_heap, wall (1 run)" "$(cat "$tmp/fb.wall") s, exit $(cat "$tmp/fb.rc"), ratio to baseline $(div "$(cat "$tmp/fb.wall")" "$base_wall")"
  printf '%-44s %s\n' "analyzer with -Xmx$fallback_heap: peak RSS" "$(cat "$tmp/fb.rss") KB"
fi
printf '%-44s %s\n' "peak RSS: baseline / analyzer" "${base_rss:--} KB / ${an_rss:--} KB"
printf '%-44s %s\n' "heap after GC, max: baseline / analyzer" "${base_live:--} MB / ${an_live:--} MB"
printf '%-44s %s\n' "verdicts as generated" "$([ "$mismatches" = 0 ] && echo yes || echo "NO ($mismatches mismatches)")"

[ "$an_ok" = yes ] && [ "$mismatches" = 0 ]
