#!/usr/bin/env bash
# Makes every recording in this folder again, with its truth file, then README.md from the truth files.
# JDK 17 recordings always; JDK 25 ones of the JDK's own clients when a JDK 25 is found (JDK25_HOME, or
# Temurin's usual path).
# Takes several minutes: the service scenarios run LEAKLINE_SERVICE_SECONDS (default 120) each.
#
#   recordings/regenerate.sh                      # everything
#   recordings/regenerate.sh java-net-http/in-flight   # only some client/scenario pairs (JDK 17 and 25)
#
# It builds this module, the agent and what they need with the reactor (nothing is installed into ~/.m2):
# the scenarios run on the reactor's class path; the clients recorded under the agent (apache-httpclient4,
# aws-s3) run with -javaagent:jfr-events/agent/target/leakline-agent.jar and no Leakline jar on theirs.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
jdk17="${JDK17_HOME:-${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}}"
jdk25="${JDK25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
service_seconds="${LEAKLINE_SERVICE_SECONDS:-120}"

cd "$root"
JAVA_HOME="$jdk17" ./mvnw -q -pl recordings,jfr-events/agent -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile=target/classpath.txt
# Run from a copy of the classes, so that a build started meanwhile cannot pull them from under the runs.
classes="$(mktemp -d)"
trap 'rm -rf "$classes"' EXIT
cp -r "$here/target/classes/." "$classes/"
cp="$classes:$(cat "$here/target/classpath.txt")"
java="$jdk17/bin/java"

agent="$classes/leakline-agent.jar"
cp "$root/jfr-events/agent/target/leakline-agent.jar" "$agent"
"$java" -Dleakline.service.seconds="$service_seconds" -cp "$cp" dev.leakline.scenarios.Regenerate \
  --java-home "$jdk17" --out "$here/jdk17" --agent "$agent" "$@"
if [ -x "$jdk25/bin/java" ]; then
  # JDK 25 differs in java.net.http (connectionLabel, HttpClient.close, keep-alive): every scenario but the
  # long service one, for the JDK's own clients only (Apache HttpClient and OkHttp behave as their library
  # does, whatever the JDK).
  "$java" -cp "$cp" dev.leakline.scenarios.Regenerate \
    --java-home "$jdk25" --out "$here/jdk25" --skip service --jdk-clients-only "$@"
else
  echo "No JDK 25 at $jdk25 (set JDK25_HOME): JDK 25 recordings left as they were." >&2
fi
"$java" -cp "$cp" dev.leakline.scenarios.ReadmeGenerator "$here"
