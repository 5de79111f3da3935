#!/usr/bin/env bash
# Measures how long `vigil server` takes to become ready, cold (empty data directory: the embedded PostgreSQL
# is initialised, every migration runs and the whole catalog is created) and warm (the data directory of a
# previous run: nothing to migrate, the catalog unchanged), and how much memory the node holds 10 s after it is
# ready: the JVM's VmRSS and, separately, the embedded PostgreSQL's processes.
#
#   bench/startup.sh [--config FILE] [--runs N] [--raw]
#
# --config  the vigil.yaml to start with (default examples/smuvdrive/vigil.yaml)
# --runs    runs of each kind (default 5)
# --raw     run the jar with the JVM's own defaults instead of ./vigil's, for comparison
#
# Traffic stays on 127.0.0.1. Each run stops its node with SIGTERM and waits for it.
set -euo pipefail

root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
config="$root/examples/smuvdrive/vigil.yaml"
runs=5
raw=false
while [ $# -gt 0 ]; do
  case "$1" in
    --config) config=$(readlink -f "$2"); shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --raw) raw=true; shift ;;
    *) echo "usage: bench/startup.sh [--config FILE] [--runs N] [--raw]" >&2; exit 2 ;;
  esac
done
if [ ! -r "$config" ]; then
  echo "bench/startup.sh: no config at $config; pass one with --config FILE" >&2
  exit 2
fi
command -v curl >/dev/null || { echo "bench/startup.sh: needs curl (Debian package curl)" >&2; exit 2; }

# Builds the jar if it is stale, outside the timings.
"$root/vigil" --version >/dev/null
. "$root/.mvn/find-jdk.sh"

work=$(mktemp -d /tmp/vigil-bench-startup.XXXXXX)
node_pid=""
cleanup() {
  if [ -n "$node_pid" ] && kill -0 "$node_pid" 2>/dev/null; then
    kill -TERM "$node_pid"; wait "$node_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# A field of /proc/PID/FILE in kB; 0 when the process is gone.
kb() { awk -v k="$2" 'BEGIN { v = 0 } $1 == k":" { v = $2 } END { print v }' "/proc/$1/$3" 2>/dev/null || echo 0; }

# The postmaster (line 1 of postmaster.pid) and its children, one PID a line.
postgres_pids() {
  local master
  master=$(head -n 1 "$1/postgres/postmaster.pid" 2>/dev/null) || return 0
  echo "$master"
  awk -v p="$master" '{ if ($4 == p) print $1 }' /proc/[0-9]*/stat 2>/dev/null || true
}

# CPU seconds (user + system) a process has used so far; unlike wall time, other work on the machine barely moves it.
cpu_seconds() {
  awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%.2f", ($12 + $13) / hz }' "/proc/$1/stat"
}

# Prints: seconds-to-ready jvm-rss-kb pg-rss-kb pg-pss-kb pg-processes seconds-to-stop jvm-cpu-seconds-to-ready
run_once() {
  local data=$1 port start ready cpu rss pg_rss=0 pg_pss=0 pg_n=0 stop_start stopped
  port=$(free_port)
  start=$(now_ms)
  if $raw; then
    # shellcheck disable=SC2086
    VIGIL_DATA_DIR=$data "$JAVA_HOME/bin/java" ${VIGIL_JAVA_OPTS:-} -jar "$root/target/vigil.jar" \
      server --port "$port" --config "$config" >"$data.log" 2>&1 &
  else
    VIGIL_DATA_DIR=$data "$root/vigil" server --port "$port" --config "$config" >"$data.log" 2>&1 &
  fi
  node_pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/actuator/health/readiness"; do
    if ! kill -0 "$node_pid" 2>/dev/null; then
      echo "bench/startup.sh: the node exited before it was ready; its output:" >&2
      tail -n 40 "$data.log" >&2
      exit 1
    fi
    if [ $(($(now_ms) - start)) -gt 120000 ]; then
      echo "bench/startup.sh: not ready after 120 s" >&2
      exit 1
    fi
    sleep 0.05
  done
  ready=$(now_ms)
  cpu=$(cpu_seconds "$node_pid")
  sleep 10
  rss=$(kb "$node_pid" VmRSS status)
  for p in $(postgres_pids "$data"); do
    pg_rss=$((pg_rss + $(kb "$p" VmRSS status)))
    pg_pss=$((pg_pss + $(kb "$p" Pss smaps_rollup)))
    pg_n=$((pg_n + 1))
  done
  stop_start=$(now_ms)
  kill -TERM "$node_pid"
  wait "$node_pid" 2>/dev/null || true
  stopped=$(now_ms)
  node_pid=""
  awk -v r=$((ready - start)) -v s=$((stopped - stop_start)) -v j="$rss" -v pr="$pg_rss" -v pp="$pg_pss" -v n="$pg_n" \
    -v c="$cpu" 'BEGIN { printf "%.2f %d %d %d %d %.2f %s\n", r / 1000, j, pr, pp, n, s / 1000, c }'
}

# Median and max of one column of a results file.
stats() {
  sort -n -k"$2" "$1" | awk -v c="$2" '{ v[NR] = $c } END {
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "median %s, max %s", m, v[NR] }'
}

report() {
  local name=$1 file=$2
  echo "$name start to ready (s):   $(stats "$file" 1)"
  echo "$name JVM CPU to ready (s):  $(stats "$file" 7)"
  echo "$name JVM RSS (MB):          $(awk '{ printf "%.0f\n", $2 / 1024 }' "$file" | sort -n | tr '\n' ' ')"
  echo "$name PostgreSQL RSS sum (MB): $(awk '{ printf "%.0f\n", $3 / 1024 }' "$file" | sort -n | tr '\n' ' ')(PSS $(awk '{ printf "%.0f\n", $4 / 1024 }' "$file" | sort -n | tr '\n' ' ')MB; $(awk '{ print $5 }' "$file" | sort -n | tail -n 1) processes)"
  echo "$name SIGTERM to exit (s):   $(stats "$file" 6)"
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
echo "config: $config"
echo "java:   $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1)"
if $raw; then echo "JVM options: JVM defaults ${VIGIL_JAVA_OPTS:-}"; else echo "JVM options: ./vigil defaults ${VIGIL_JAVA_OPTS:-}"; fi
: >"$work/cold" >"$work/warm"
for i in $(seq 1 "$runs"); do
  # Not in a subshell: node_pid must stay visible to the EXIT trap.
  run_once "$work/cold-$i" >"$work/line"
  echo "cold $i: $(cat "$work/line")"
  cat "$work/line" >>"$work/cold"
done
# Warm runs reuse the data directory of the last cold run.
for i in $(seq 1 "$runs"); do
  run_once "$work/cold-$runs" >"$work/line"
  echo "warm $i: $(cat "$work/line")"
  cat "$work/line" >>"$work/warm"
done
echo "(columns: seconds to ready, JVM RSS kB, PostgreSQL RSS kB summed, PostgreSQL PSS kB summed, PostgreSQL processes, seconds SIGTERM to exit, JVM CPU seconds to ready)"
report cold "$work/cold"
report warm "$work/warm"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
