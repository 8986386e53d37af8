#!/usr/bin/env bash
# The analyzer's speed and memory targets (issue 15), in one run, each against a bare jdk.jfr.consumer.RecordingFile
# pass over the same file measured in the same run. Prints the figures quoted in docs/performance.md.
#
#   1. analyze (text, JSON), timeline and report: wall time, ratio to the RecordingFile pass; analyze again with JMC
#      decoding Leakline's events (what decoding them in the analyzer gives, same run)
#   2. a recording where JDK noise (thread parks, file and socket I/O at threshold 0) is most of the events
#   3. -XX:ActiveProcessorCount=1 against 2
#   4. every command with -Xmx$HEAP (default 128m) on the main recording and on one with $LEAKS leaked responses;
#      the least heap analyze, timeline and report need with $LEAKS and with a quarter of them (the bytes per
#      unfinished response)
#   5. scaling: the RecordingFile pass and analyze over recordings of $SCALE_MB MB
#
# Usage: bench/analyzer-targets.sh
# Environment (defaults are small so that a run takes minutes on a loaded 2-core machine; the issue's sizes are
# SIZE_MB=1640 SCALE_MB="256 512 1024 1640", about an hour and 6 GB of disk):
#   SIZE_MB=200            the main recording (targets 1, 3, 4)
#   SCALE_MB="50 100 200"  recordings for target 5 (a size equal to SIZE_MB reuses the main recording)
#   NOISE_RESPONSES=60000  responses in the noise recording (each with NOISE=5 rounds of 4 JDK events)
#   LEAKS=1000000          leaked responses in the leak recording (0 skips it)
#   HEAP=128m              -Xmx of every analyzer command
#   BASE_HEAP=256m         -Xmx of the RecordingFile pass
#   RUNS=1                 measured runs of each command on the main recording (median reported)
#   GEN_RATE_MB=10         the generator's write pace (MB/s)
#   PROFILE=1              also record the analyzer itself with JFR (CPU samples, allocation) and print the top
#                          frames and allocated classes
#   SKIP_BUILD=1           use the jars already built
#   KEEP=1                 keep the temporary directory (recordings, outputs, GC logs)
#   PARTS="main noise leaks scale"  the parts to run (main: targets 1, 3 and 4 on the main recording; noise: target 2;
#                          leaks: target 4 on the leak recordings; scale: target 5)
#   TMPDIR                 where the recordings are written (default /tmp)
# Needs only a JDK 17+ (java, javac, jfr), Maven (through ./mvnw) and standard Unix tools.
set -euo pipefail
cd "$(dirname "$0")/.."
java="${BENCH_JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}"
jdk_bin="$(dirname "$(command -v "$java")")"
size_mb="${SIZE_MB:-200}"
scale_mb="${SCALE_MB:-50 100 200}"
noise_responses="${NOISE_RESPONSES:-60000}"
leaks="${LEAKS:-1000000}"
heap="${HEAP:-128m}"
base_heap="${BASE_HEAP:-256m}"
runs="${RUNS:-1}"
rate="${GEN_RATE_MB:-10}"

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  ./mvnw -B -q -pl jfr-events/core,analyzer/cli -am package -DskipTests
fi
core_jar=$(ls jfr-events/core/target/leakline-jfr-events-*.jar | grep -v -e sources -e javadoc | head -1)
leakline_jar=analyzer/cli/target/leakline.jar
tmp=$(mktemp -d "${TMPDIR:-/tmp}/leakline-targets.XXXXXX")
cleanup() {
  if [ "${KEEP:-0}" = 1 ]; then echo "kept: $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
"$jdk_bin/javac" -d "$tmp/classes" -cp "$core_jar" bench/scripts/*.java
cp "$leakline_jar" "$tmp/leakline.jar" # a rebuild during the run does not change what is measured
leakline_jar="$tmp/leakline.jar"
"$jdk_bin/javac" -d "$tmp/jmcclasses" -cp "$leakline_jar" bench/scripts/jmc/JmcPass.java

load() { cut -d' ' -f1-3 /proc/loadavg; }
value() { sed -n "s/^$1=//p" "$2" | tail -1; }
div() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "-"; else printf "%.2f", a / b }'; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
minimum() { sort -n | head -1; }
walls() { cat "$@" | tr '\n' ' ' | sed 's/ $//'; }
max_after_gc() { grep -o -- '->[0-9]*M' "$1" 2>/dev/null | tr -d -- '->M' | sort -n | tail -1; }
oom() { grep -q -e OutOfMemoryError "$1" && echo OOM || echo ok; }

# gen NAME MB [java -D options...]: writes $tmp/NAME.jfr (and NAME.gen), remade at half the pace if JFR dropped data
gen() {
  local name=$1 mb=$2; shift 2
  local r=$rate file="$tmp/$name.jfr"
  for attempt in 1 2 3; do
    echo "== generating $name ($mb MB target $*) at $r MB/s, load $(load)" >&2
    "$java" -XX:FlightRecorderOptions:memorysize=64m "-DrateMb=$r" "$@" -cp "$tmp/classes:$core_jar" \
      dev.leakline.bench.scripts.GenerateBigRecording "$file" "$mb" > "$tmp/$name.gen"
    "$java" -Xmx"$base_heap" -cp "$tmp/classes" dev.leakline.bench.scripts.RecordingFilePass "$file" > "$tmp/$name.check"
    if [ "$(value data_loss_events "$tmp/$name.check")" = 0 ] \
        && [ "$(value leakline_events "$tmp/$name.check")" = "$(value events_leakline "$tmp/$name.gen")" ]; then
      return 0
    fi
    echo "   JFR dropped data; again at half the pace" >&2
    r=$(awk -v r="$r" 'BEGIN { print r / 2 }')
  done
  echo "analyzer-targets: could not write a complete $name recording" >&2
  exit 1
}

# timed PREFIX CMD...: wall seconds in PREFIX.wall, CPU seconds (user + sys, all threads) in PREFIX.cpu, exit code in
# PREFIX.rc, stdout/stderr in PREFIX.out/.err. CPU time, unlike wall time, does not count waiting for a CPU on a
# shared machine, so it is the steadier figure there.
timed() {
  local prefix=$1; shift
  local rc=0 TIMEFORMAT='%R %U %S'
  { time "$@" > "$prefix.out" 2> "$prefix.err" || rc=$?; } 2> "$prefix.time"
  awk '{ printf "%.2f\n", $1 }' "$prefix.time" > "$prefix.wall"
  awk '{ printf "%.2f\n", $2 + $3 }' "$prefix.time" > "$prefix.cpu"
  echo "$rc" > "$prefix.rc"
}
base() { # base PREFIX FILE
  timed "$1" "$java" "-Xmx$base_heap" -cp "$tmp/classes" dev.leakline.bench.scripts.RecordingFilePass "$2"
}
jmc() { # jmc PREFIX FILE [java options]: JMC's parser over the whole file, sinks that only count (the JMC floor)
  local prefix=$1 file=$2; shift 2
  timed "$prefix" "$java" "-Xmx$base_heap" "$@" -cp "$leakline_jar:$tmp/jmcclasses" dev.leakline.bench.scripts.jmc.JmcPass "$file"
}
# cmd PREFIX FILE COMMAND [extra java options before -jar]: one analyzer command with -Xmx$heap and a GC log
cmd() {
  local prefix=$1 file=$2 what=$3; shift 3
  local args
  case "$what" in
    text) args=(analyze "$file") ;;
    json) args=(analyze --format json "$file") ;;
    timeline) args=(timeline "$file") ;;
    report) args=(report "$file" -o "$prefix.html") ;;
  esac
  timed "$prefix" "$java" "-Xmx$heap" "-Xlog:gc:file=$prefix.gc" "$@" -jar "$leakline_jar" "${args[@]}"
}
# least_heap PREFIX FILE [COMMAND]: the least -Xmx (MB, to 2 MB) with which COMMAND (default analyze) completes on FILE,
# bisected between 16 and 1024
least_heap() {
  local prefix=$1 file=$2 what=${3:-analyze} lo=16 hi=1024 mid args
  while [ $((hi - lo)) -gt 2 ]; do
    mid=$(((lo + hi) / 2))
    args=("$what" "$file")
    if [ "$what" = report ]; then args+=(-o "$prefix-$mid.html"); fi
    timed "$prefix-$mid" "$java" "-Xmx${mid}m" -jar "$leakline_jar" "${args[@]}"
    if [ "$(ok "$prefix-$mid")" = ok ]; then hi=$mid; else lo=$mid; fi
  done
  echo "$hi"
}
ok() { # ok PREFIX: the analyzer's exit is 0 or 1 (leaks) and no OutOfMemoryError
  local rc; rc=$(cat "$1.rc")
  if { [ "$rc" = 0 ] || [ "$rc" = 1 ]; } && [ "$(oom "$1.err")" = ok ]; then echo ok; else echo "FAILED (exit $rc, $(oom "$1.err"))"; fi
}
json_verdict() { # json_verdict FILE NAME: a count from the summary's verdicts of a JSON report
  sed -n '/"verdicts" : {/,/}/p' "$1" | sed -n "s/^ *\"$2\" : \([0-9]*\).*/\1/p" | head -1
}
line() { printf '%-58s %s\n' "$1" "$2" | tee -a "$out"; }

started_at=$(date -u '+%Y-%m-%d %H:%M UTC')
jdk=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.runtime.version = //p')
out="$tmp/summary.txt"
: > "$out"
say() { echo "$@" | tee -a "$out"; }

parts=" ${PARTS:-main noise leaks scale} "
part() { case "$parts" in *" $1 "*) return 0 ;; *) return 1 ;; esac; }

# ---- main recording: targets 1, 3, 4
if part main; then
gen main "$size_mb"
main="$tmp/main.jfr"
main_bytes=$(stat -c %s "$main")
"$java" -cp "$tmp/classes" dev.leakline.bench.scripts.RecordingFilePass "$main" > /dev/null # page cache warm
for i in $(seq 1 "$runs"); do
  for what in base jmc text json timeline report; do
    echo "== main run $i: $what, load $(load)" >&2
    if [ "$what" = base ]; then base "$tmp/m-base-$i" "$main";
    elif [ "$what" = jmc ]; then jmc "$tmp/m-jmc-$i" "$main";
    else cmd "$tmp/m-$what-$i" "$main" "$what"; fi
    echo "$(load | cut -d' ' -f1)" > "$tmp/m-$what-$i.load"
  done
done
say ""
say "== leakline analyzer targets, $started_at, JDK $jdk, $(nproc) CPUs"
say "== main recording: $(awk -v s="$main_bytes" 'BEGIN { printf "%.1f", s / 1048576 }') MB, $(value chunks "$tmp/main.gen") chunks, $(value responses "$tmp/main.gen") responses, $(value events "$tmp/main.check") events; $runs run(s) each, median"
base_wall=$(cat "$tmp"/m-base-*.wall | median)
base_min=$(cat "$tmp"/m-base-*.wall | minimum)
base_cpu=$(cat "$tmp"/m-base-*.cpu | median)
line "RecordingFile pass (-Xmx$base_heap)" "wall median $base_wall s, min $base_min s (runs: $(walls "$tmp"/m-base-*.wall)); CPU median $base_cpu s (load $(walls "$tmp"/m-base-*.load))"
jmc_wall=$(cat "$tmp"/m-jmc-*.wall | median)
line "JMC parser, whole file, counting sinks (-Xmx$base_heap)" "wall median $jmc_wall s, min $(cat "$tmp"/m-jmc-*.wall | minimum) s (runs: $(walls "$tmp"/m-jmc-*.wall)); CPU median $(cat "$tmp"/m-jmc-*.cpu | median) s, ratio to RecordingFile: wall $(div "$jmc_wall" "$base_wall"), CPU $(div "$(cat "$tmp"/m-jmc-*.cpu | median)" "$base_cpu")"
for what in text json timeline report; do
  w=$(cat "$tmp"/m-$what-*.wall | median)
  wmin=$(cat "$tmp"/m-$what-*.wall | minimum)
  c=$(cat "$tmp"/m-$what-*.cpu | median)
  target=1.0; [ "$what" = timeline ] || [ "$what" = report ] && target=1.5
  r=$(div "$w" "$base_wall"); rmin=$(div "$wmin" "$base_min"); rc=$(div "$c" "$base_cpu")
  verdict=$(awk -v r="$r" -v m="$rmin" -v t="$target" 'BEGIN { print (r != "-" && r <= t) ? "MET" : (m != "-" && m <= t) ? "MET by the minimum only" : "MISSED" }')
  line "$what (-Xmx$heap)" "wall median $w s, min $wmin s (runs: $(walls "$tmp"/m-$what-*.wall)); ratio median $r, min $rmin; CPU median $c s, ratio $rc; target <= $target: $verdict; $(ok "$tmp/m-$what-1"), heap after GC max $(max_after_gc "$tmp/m-$what-1.gc") MB (load $(walls "$tmp"/m-$what-*.load))"
done
expected=$(value expected_leaked "$tmp/main.gen")
got=$(json_verdict "$tmp/m-json-1.out" leaked)
line "leaked responses: generated / analyze --format json" "$expected / ${got:--} $([ "$expected" = "$got" ] && echo ok || echo MISMATCH)"
line "JSON report size" "$(stat -c %s "$tmp/m-json-1.out" 2>/dev/null || echo -) bytes"
line "HTML report size" "$(stat -c %s "$tmp/m-report-1.html" 2>/dev/null || echo -) bytes"

# ---- target 4 over a compressed file: timeline charts while reading there too (the input made plain first)
echo "== main: timeline over the gzipped recording, load $(load)" >&2
gzip -1 -c "$main" > "$tmp/main.jfr.gz"
cmd "$tmp/m-timeline-gz" "$tmp/main.jfr.gz" timeline
same=$(cmp -s "$tmp/m-timeline-gz.out" "$tmp/m-timeline-1.out" && echo "same output as the plain file" || echo "OUTPUT DIFFERS from the plain file")
line "timeline over main.jfr.gz (-Xmx$heap)" "$(ok "$tmp/m-timeline-gz"), wall $(cat "$tmp/m-timeline-gz.wall") s (decompressing included), $same"
rm -f "$tmp/main.jfr.gz"

# ---- what decoding Leakline's events in the analyzer gives: analyze with JMC decoding them, in the same run
for i in $(seq 1 "$runs"); do
  echo "== main run $i: analyze with JMC decoding Leakline's events, load $(load)" >&2
  cmd "$tmp/m-jmcdecodes-$i" "$main" text -Dleakline.decodeEvents=false
done
w=$(cat "$tmp"/m-jmcdecodes-*.wall | median); c=$(cat "$tmp"/m-jmcdecodes-*.cpu | median)
line "analyze, -Dleakline.decodeEvents=false" "wall median $w s (runs: $(walls "$tmp"/m-jmcdecodes-*.wall)), ratio $(div "$w" "$base_wall"); CPU median $c s, ratio $(div "$c" "$base_cpu"); $(ok "$tmp/m-jmcdecodes-1")"

# ---- target 3: one CPU against two
echo "== ActiveProcessorCount=1 and 2, load $(load)" >&2
cmd "$tmp/apc1" "$main" text -XX:ActiveProcessorCount=1
l1=$(load | cut -d' ' -f1)
cmd "$tmp/apc2" "$main" text -XX:ActiveProcessorCount=2
l2=$(load | cut -d' ' -f1)
line "analyze, -XX:ActiveProcessorCount=1 / =2" "wall $(cat "$tmp/apc1.wall") s / $(cat "$tmp/apc2.wall") s, ratio $(div "$(cat "$tmp/apc1.wall")" "$(cat "$tmp/apc2.wall")"); CPU $(cat "$tmp/apc1.cpu") s / $(cat "$tmp/apc2.cpu") s (load $l1 / $l2)"
jmc "$tmp/japc1" "$main" -XX:ActiveProcessorCount=1; l1=$(load | cut -d' ' -f1)
jmc "$tmp/japc2" "$main" -XX:ActiveProcessorCount=2; l2=$(load | cut -d' ' -f1)
line "JMC floor, -XX:ActiveProcessorCount=1 / =2" "wall $(cat "$tmp/japc1.wall") s / $(cat "$tmp/japc2.wall") s, ratio $(div "$(cat "$tmp/japc1.wall")" "$(cat "$tmp/japc2.wall")"); CPU $(cat "$tmp/japc1.cpu") s / $(cat "$tmp/japc2.cpu") s (load $l1 / $l2)"

fi

# ---- target 2: noise
if part noise; then
gen noise 1 -Dnoise=5 "-Dresponses=$noise_responses"
noise="$tmp/noise.jfr"
# RUNS times each, alternating, as on the main recording: on a file this size one run is too noisy to quote
for i in $(seq 1 "$runs"); do
  echo "== noise run $i: base, analyze and the JMC floor, load $(load)" >&2
  base "$tmp/n-base-$i" "$noise"
  cmd "$tmp/n-text-$i" "$noise" text
  jmc "$tmp/n-jmc-$i" "$noise"
  echo "$(load | cut -d' ' -f1)" > "$tmp/n-$i.load"
done
ne=$(value events "$tmp/noise.check"); nn=$(value noise_events "$tmp/noise.check")
say "== noise recording: $(awk -v s="$(stat -c %s "$noise")" 'BEGIN { printf "%.1f", s / 1048576 }') MB, $ne events, of which JDK noise $nn ($(awk -v a="$nn" -v b="$ne" 'BEGIN { printf "%.1f", 100 * a / b }') %); $runs run(s) each, median"
nbw=$(cat "$tmp"/n-base-*.wall | median); ntw=$(cat "$tmp"/n-text-*.wall | median); njw=$(cat "$tmp"/n-jmc-*.wall | median)
nbc=$(cat "$tmp"/n-base-*.cpu | median); ntc=$(cat "$tmp"/n-text-*.cpu | median); njc=$(cat "$tmp"/n-jmc-*.cpu | median)
nr=$(div "$ntw" "$nbw")
line "RecordingFile pass / analyze" "wall $nbw s / $ntw s (runs: $(walls "$tmp"/n-base-*.wall) / $(walls "$tmp"/n-text-*.wall)), CPU $nbc s / $ntc s, CPU ratio $(div "$ntc" "$nbc"), wall ratio $nr (target <= 0.7: $(awk -v r="$nr" 'BEGIN { print (r != "-" && r <= 0.7) ? "MET" : "MISSED" }'); load $(walls "$tmp"/n-*.load)), $(ok "$tmp/n-text-1")"
line "JMC floor on it (counting sinks)" "wall $njw s, CPU $njc s, ratio to RecordingFile $(div "$njw" "$nbw"), analyze / JMC floor $(div "$ntw" "$njw")"
# What the JIT costs each of the two: on a file this size it is much of the CPU (docs/performance.md, "Target 2's floor
# is the JIT"). -XX:+CITime prints the compilers' time at exit, on standard output.
jit() { awk '/C1 Compile Time/ {c1 = $4} /C2 Compile Time/ {c2 = $4} END {printf "C1 %s s, C2 %s s", c1, c2}' "$1"; }
"$java" "-Xmx$base_heap" -XX:+CITime -cp "$tmp/classes" dev.leakline.bench.scripts.RecordingFilePass "$noise" > "$tmp/n-base-jit.out" 2>&1 || true
"$java" "-Xmx$heap" -XX:+CITime -jar "$leakline_jar" analyze "$noise" > "$tmp/n-text-jit.out" 2>&1 || true
line "JIT compile time (-XX:+CITime), pass / analyze" "$(jit "$tmp/n-base-jit.out") / $(jit "$tmp/n-text-jit.out")"

fi

# ---- target 4: a million leaked responses
if [ "$leaks" -gt 0 ] && part leaks; then
  gen leaks 1 -DleakPerMille=1000 "-Dresponses=$leaks"
  lk="$tmp/leaks.jfr"
  say "== leak recording: $(awk -v s="$(stat -c %s "$lk")" 'BEGIN { printf "%.1f", s / 1048576 }') MB, $(value expected_leaked "$tmp/leaks.gen") leaked responses"
  for what in text json timeline report; do
    echo "== leaks: $what, load $(load)" >&2
    cmd "$tmp/l-$what" "$lk" "$what"
    line "$what (-Xmx$heap)" "$(ok "$tmp/l-$what"), wall $(cat "$tmp/l-$what.wall") s, heap after GC max $(max_after_gc "$tmp/l-$what.gc") MB (load $(load | cut -d' ' -f1))"
  done
  line "leaked: generated / analyze --format json" "$(value expected_leaked "$tmp/leaks.gen") / $(json_verdict "$tmp/l-json.out" leaked)"
  # Memory per unfinished response: the least -Xmx with which analyze completes (bisected to 2 MB), on this recording
  # and on one with a quarter of the leaks; the slope between the two is what each unfinished response costs, free of
  # the fixed part (JVM, one chunk being parsed) and of garbage not yet collected.
  gen leaks4 1 -DleakPerMille=1000 "-Dresponses=$((leaks / 4))"
  lq=$(least_heap "$tmp/l-least4" "$tmp/leaks4.jfr"); lf=$(least_heap "$tmp/l-least" "$lk")
  nq=$(value expected_leaked "$tmp/leaks4.gen"); nf=$(value expected_leaked "$tmp/leaks.gen")
  per_response() { # per_response LEAST_QUARTER LEAST_ALL: bytes per unfinished response, the slope between the two
    awk -v a="$1" -v b="$2" -v x="$nq" -v y="$nf" 'BEGIN { printf "%.0f", (b - a) * 1048576 / (y - x) }'
  }
  line "least -Xmx for analyze: $nq / $nf leaks" "$lq MB / $lf MB, so $(per_response "$lq" "$lf") bytes per unfinished response (bisected to 2 MB)"
  tq=$(least_heap "$tmp/t-least4" "$tmp/leaks4.jfr" timeline); tf=$(least_heap "$tmp/t-least" "$lk" timeline)
  line "least -Xmx for timeline: $nq / $nf leaks" "$tq MB / $tf MB, so $(per_response "$tq" "$tf") bytes per unfinished response (bisected to 2 MB)"
  rq=$(least_heap "$tmp/r-least4" "$tmp/leaks4.jfr" report); rf=$(least_heap "$tmp/r-least" "$lk" report)
  line "least -Xmx for report: $nq / $nf leaks" "$rq MB / $rf MB, so $(per_response "$rq" "$rf") bytes per unfinished response (bisected to 2 MB)"
  line "JSON / HTML report size" "$(stat -c %s "$tmp/l-json.out" 2>/dev/null || echo -) / $(stat -c %s "$tmp/l-report.html" 2>/dev/null || echo -) bytes"
fi

# ---- target 5: scaling
if part scale; then
say "== scaling (analyze text, -Xmx$heap)"
printf '%-10s %10s %12s %10s %12s %8s %10s %10s %s\n' "target MB" "MB" "responses" "pass s" "analyze s" "ratio" "MB/s" "CPU s" "load" | tee -a "$out"
for mb in $scale_mb; do
  if [ "$mb" = "$size_mb" ] && part main; then
    f="$main"; bw=$base_wall; aw=$(cat "$tmp"/m-text-*.wall | median); resp=$(value responses "$tmp/main.gen")
    ac=$(cat "$tmp"/m-text-*.cpu | median)
  else
    gen "s$mb" "$mb"
    f="$tmp/s$mb.jfr"
    echo "== scaling $mb MB, load $(load)" >&2
    base "$tmp/s$mb-base" "$f"; cmd "$tmp/s$mb-text" "$f" text
    bw=$(cat "$tmp/s$mb-base.wall"); aw=$(cat "$tmp/s$mb-text.wall"); resp=$(value responses "$tmp/s$mb.gen")
    ac=$(cat "$tmp/s$mb-text.cpu")
  fi
  bytes=$(stat -c %s "$f")
  printf '%-10s %10.1f %12s %10s %12s %8s %10.1f %10s %s\n' "$mb" "$(awk -v s="$bytes" 'BEGIN { print s / 1048576 }')" \
    "$resp" "$bw" "$aw" "$(div "$aw" "$bw")" "$(awk -v s="$bytes" -v t="$aw" 'BEGIN { print s / 1048576 / t }')" \
    "$ac" "$(load | cut -d' ' -f1)" | tee -a "$out"
  [ "$f" = "${main:-}" ] || rm -f "$f"
done

fi

# ---- profile of the analyzer itself
if [ "${PROFILE:-0}" = 1 ] && part main; then
  echo "== profiling analyze, load $(load)" >&2
  cmd "$tmp/prof" "$main" text "-XX:StartFlightRecording:filename=$tmp/prof.jfr,settings=profile"
  say "== profile of analyze on the main recording (JFR settings=profile): top frames of jdk.ExecutionSample"
  "$jdk_bin/jfr" print --events jdk.ExecutionSample "$tmp/prof.jfr" \
    | awk '/stackTrace = \[/ { getline; sub(/^ +/, ""); sub(/ +line:.*/, ""); n[$0]++; total++ }
           END { for (f in n) printf "%6.1f %%  %s\n", 100 * n[f] / total, f }' | sort -rn | head -25 | tee -a "$out"
  say "== allocation by class (jdk.ObjectAllocationSample weight)"
  "$jdk_bin/jfr" print --events jdk.ObjectAllocationSample "$tmp/prof.jfr" \
    | awk '/objectClass = / { c = $3 } /weight = / { w = $3; u = $4; m = (u ~ /GB/) ? 1024 : (u ~ /MB/) ? 1 : (u ~ /kB/) ? 1 / 1024 : 1 / 1048576; a[c] += w * m; t += w * m }
           END { for (c in a) printf "%8.1f MB %5.1f %%  %s\n", a[c], 100 * a[c] / t, c }' | sort -rn | head -15 | tee -a "$out"
fi

echo
echo "================ summary (as quoted in docs/performance.md)"
cat "$out"
echo "load average at the end: $(load)"
