#!/usr/bin/env bash
# The benchmark suite of docs/BENCHMARKS.md with one command: every scenario, or the ones named
# (durable-sends busy-group fan-out idle-connections connect-storm scale-out), then the charts in docs/charts and the
# table of docs/SCALING.md from the results. Sizes are system properties, passed on with
# JAVA_OPTS, for example: JAVA_OPTS="-Dseconds=5 -Dwarmup=10" benchmarks/run.sh fan-out
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B package -DskipTests -pl benchmarks -am
./mvnw -q -B -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
exec java -Xmx2g ${JAVA_OPTS:-} -cp "$(cat benchmarks/target/classpath.txt):benchmarks/target/parley-benchmarks-0.1.0-SNAPSHOT.jar" \
  io.parley.bench.BenchmarkSuite "$@"
