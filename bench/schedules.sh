#!/usr/bin/env bash
# Measures the on-call computations of docs/benchmarks.md in one JVM, after warm-up:
#   - final shifts of a 3-layer schedule over one year with 200 overrides (target < 20 ms)
#   - who is on call in 1,000 schedules at one instant (target < 50 ms in total)
#
#   bench/schedules.sh [ROUNDS]     (default 200 measured runs of each, after as many warm-up runs)
#
# The harness is bench/schedules/ScheduleBench.java, run against the compiled classes; no server, no network.
set -euo pipefail

root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
rounds=${1:-200}
cd "$root"
. "$root/.mvn/find-jdk.sh"
cp_file=$(mktemp /tmp/vigil-bench-cp.XXXXXX)
trap 'rm -f "$cp_file"' EXIT
./mvnw -B -q compile dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=runtime >/dev/null
echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
"$JAVA_HOME/bin/java" -cp "$root/target/classes:$(cat "$cp_file")" "$root/bench/schedules/ScheduleBench.java" "$rounds"
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
