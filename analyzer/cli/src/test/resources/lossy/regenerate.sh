#!/usr/bin/env bash
# Remakes flood-with-leaks.jfr.gz and its truth file with JDK 17 (JDK 25 does not drop events of a disk recording
# under this flood; see docs/robustness.md). Needs the analyzer's test classes: ./mvnw -B -q -pl analyzer/cli -am
# test-compile first. Retries while the flood lost nothing or a loss came after the late opens (exit code 2).
set -euo pipefail
cd "$(dirname "$0")/../../../../../.."
java17=${JAVA17_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}/bin/java
m2=${HOME}/.m2/repository/com/fasterxml/jackson/core
jackson=$(grep -m1 '<jackson.version>' pom.xml | sed 's/.*>\(.*\)<.*/\1/')
cp=analyzer/cli/target/test-classes:analyzer/cli/target/classes:analyzer/engine/target/classes
cp=$cp:jfr-events/core/target/classes
for a in databind core annotations; do cp=$cp:$m2/jackson-$a/$jackson/jackson-$a-$jackson.jar; done
out=analyzer/cli/src/test/resources/lossy/flood-with-leaks.jfr
for attempt in 1 2 3 4 5; do
  rm -f "$out" "$out.gz"
  if "$java17" -Xmx128m \
      -XX:FlightRecorderOptions:globalbuffersize=512k,numglobalbuffers=2,threadbuffersize=8k,memorysize=1m \
      -cp "$cp" dev.leakline.analyzer.robust.FloodWithLeaks "$out" 8 1000; then
    gzip -9 "$out"
    exit 0
  fi
done
echo "no usable lossy recording in 5 attempts" >&2
exit 1
