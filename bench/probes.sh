#!/usr/bin/env bash
# Measures HTTP probes of Vigil next to Debian's prometheus-blackbox-exporter, in the same run, against the same
# local nginx target (a separate process with its own config in a temporary directory, no daemon):
#
# - efficiency: HTTP probes per CPU-second. blackbox_exporter is driven at its maximum rate by many concurrent
#   /probe?module=http_2xx&target=... requests (bench/probes/BlackboxLoad.java); Vigil runs --probes HTTP probes at
#   a 1 s interval. Both open a new connection per probe. Checks are counted by nginx (stub_status), CPU is
#   utime + stime of the prober's process from /proc over the same window. Vigil's embedded PostgreSQL is reported
#   apart.
# - scale: --scale-probes HTTP probes at a 30 s interval in Vigil; the CPU of the Vigil process in percent of one
#   core over --scale-duration seconds, and the schedule lag (vigil_probe_schedule_lag_seconds p99 and max).
#
#   bench/probes.sh [--probes N] [--duration S] [--concurrency N] [--scale-probes N] [--scale-duration S]
#                   [--only efficiency|scale]
#
# Raw results go to bench/results/probes-DATE.txt. Traffic stays on 127.0.0.1; every load loop is bounded in time;
# nginx, the exporter and Vigil are stopped by PID at exit.
set -euo pipefail

root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
probes=1000 duration=30 concurrency=64 scale_probes=10000 scale_duration=120 only=""
while [ $# -gt 0 ]; do
  case "$1" in
    --probes) probes=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --concurrency) concurrency=$2; shift 2 ;;
    --scale-probes) scale_probes=$2; shift 2 ;;
    --scale-duration) scale_duration=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    *) echo "usage: bench/probes.sh [--probes N] [--duration S] [--concurrency N] [--scale-probes N] [--scale-duration S] [--only efficiency|scale]" >&2
       exit 2 ;;
  esac
done
command -v nginx >/dev/null || { echo "bench/probes.sh: needs nginx: apt-get install nginx" >&2; exit 2; }
command -v prometheus-blackbox-exporter >/dev/null \
  || { echo "bench/probes.sh: needs prometheus-blackbox-exporter: apt-get install prometheus-blackbox-exporter" >&2; exit 2; }
command -v curl >/dev/null || { echo "bench/probes.sh: needs curl" >&2; exit 2; }
command -v python3 >/dev/null || { echo "bench/probes.sh: needs python3 (free ports, the catalog)" >&2; exit 2; }
harness_java=${HARNESS_JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
[ -x "$harness_java" ] || { echo "bench/probes.sh: no JDK at $harness_java; set HARNESS_JAVA to a java 22+" >&2; exit 2; }

cd "$root"
[ -f target/vigil.jar ] || ./mvnw -q -B -DskipTests package
"$root/vigil" --version >/dev/null # rebuilds a stale jar and records the start-up cache, outside the timings

work=$(mktemp -d /tmp/vigil-bench-probes.XXXXXX)
results="$root/bench/results/probes-$(date -u +%F).txt"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
ticks=$(getconf CLK_TCK)
cpu() { awk -v t="$ticks" '{printf "%.2f", ($14 + $15) / t}' "/proc/$1/stat"; }
# CPU of the embedded PostgreSQL of a Vigil data directory: every process whose command line names it.
# The postmaster (with what its ended children used) plus its live children.
pg_cpu() {
  local pm sum p
  pm=$(pgrep -f -- "-D $1/postgres" | head -1 || true)
  [ -n "$pm" ] || { echo 0; return; }
  sum=$(awk -v t="$ticks" '{printf "%.2f", ($14 + $15 + $16 + $17) / t}' "/proc/$pm/stat")
  for p in $(pgrep -P "$pm" || true); do
    sum=$(awk -v s="$sum" -v t="$ticks" '{printf "%.2f", s + ($14 + $15) / t}' "/proc/$p/stat" 2>/dev/null || echo "$sum")
  done
  echo "$sum"
}
log() { echo "$*" | tee -a "$results"; }
calc() { python3 -c "print($1)"; }

{
  echo "# bench/probes.sh $(date -u +%FT%TZ)"
  echo "# host: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GB"
  echo "# nginx $(nginx -v 2>&1 | cut -d/ -f2), $(prometheus-blackbox-exporter --version 2>&1 | head -1), $("$root/vigil" --version 2>/dev/null | head -1)"
  echo "# args: --probes $probes --duration $duration --concurrency $concurrency --scale-probes $scale_probes --scale-duration $scale_duration"
  echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee -a "$results"

# The target: nginx answering 200 "ok" to everything, its request counter at /nginx_status.
nginx_port=$(free_port)
mkdir -p "$work/nginx"
cat > "$work/nginx/nginx.conf" <<EOF
daemon off;
master_process off;
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 8192; }
http {
  access_log off;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  server {
    listen 127.0.0.1:$nginx_port;
    location = /nginx_status { stub_status; }
    location / { default_type text/plain; return 200 "ok\n"; }
  }
}
EOF
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" &
pids+=($!)
nginx_pid=$!
target="http://127.0.0.1:$nginx_port/"
for _ in $(seq 50); do curl -sf "$target" >/dev/null && break; sleep 0.1; done
requests() { curl -s "http://127.0.0.1:$nginx_port/nginx_status" | awk 'NR == 3 {print $3}'; }

# A catalog of N HTTP probes against the target, 100 per service.
catalog() {
  python3 - "$1" "$2" "$target" <<'PY'
import sys
n, interval, target = int(sys.argv[1]), sys.argv[2], sys.argv[3]
timeout = "1s" if interval == "1s" else "5s"
print("version: 1\nteams: [{name: bench}]\nservices:")
for s in range((n + 99) // 100):
    print(f"  - name: svc-{s}\n    team: bench\n    tier: 3\n    probes:")
    for i in range(s * 100, min(n, (s + 1) * 100)):
        print(f"      - name: p{i}\n        kind: http\n        interval: {interval}\n        timeout: {timeout}\n"
              f"        http: {{url: \"{target}?p={i}\"}}")
PY
}

# Starts Vigil with a catalog; sets vigil_pid, vigil_port and vigil_data.
start_vigil() {
  vigil_port=$(free_port)
  vigil_data="$work/vigil-$1"
  catalog "$2" "$3" > "$work/probes-$1.yaml"
  VIGIL_DATA_DIR="$vigil_data" VIGIL_ADMIN_TOKEN=bench-admin-token-0123456789abcdef \
    "$root/vigil" server --config "$work/probes-$1.yaml" --port "$vigil_port" > "$work/vigil-$1.log" 2>&1 &
  vigil_pid=$!
  pids+=("$vigil_pid")
  for _ in $(seq 240); do
    curl -sf "http://127.0.0.1:$vigil_port/actuator/health/readiness" >/dev/null && return 0
    sleep 0.5
  done
  echo "Vigil did not get ready; log:" >&2
  tail -5 "$work/vigil-$1.log" | cut -c1-600 >&2
  exit 1
}

stop_vigil() {
  kill "$vigil_pid"
  wait "$vigil_pid" 2>/dev/null || true
}

if [ "$only" != "scale" ]; then
  # blackbox_exporter at its maximum rate.
  bb_port=$(free_port)
  cat > "$work/blackbox.yml" <<EOF
modules:
  http_2xx:
    prober: http
    timeout: 5s
    http:
      preferred_ip_protocol: ip4
EOF
  prometheus-blackbox-exporter --config.file="$work/blackbox.yml" --web.listen-address="127.0.0.1:$bb_port" \
    > "$work/blackbox.log" 2>&1 &
  bb_pid=$!
  pids+=("$bb_pid")
  for _ in $(seq 50); do curl -sf "http://127.0.0.1:$bb_port/metrics" >/dev/null && break; sleep 0.1; done
  "$harness_java" bench/probes/BlackboxLoad.java "http://127.0.0.1:$bb_port" "$target" "$concurrency" 5 >/dev/null
  c0=$(cpu "$bb_pid"); r0=$(requests)
  out=$("$harness_java" bench/probes/BlackboxLoad.java "http://127.0.0.1:$bb_port" "$target" "$concurrency" "$duration")
  c1=$(cpu "$bb_pid"); r1=$(requests)
  kill "$bb_pid"
  bb_checks=$((r1 - r0 - 1))
  bb_cpu=$(calc "round($c1 - $c0, 2)")
  log "blackbox_exporter: $out; nginx saw $bb_checks probe requests in ${duration}s ($(calc "round($bb_checks / $duration)")/s);" \
    "exporter CPU ${bb_cpu}s -> $(calc "round($bb_checks / ($c1 - $c0))") probes per CPU-second"

  # Vigil with N probes at a 1 s interval.
  start_vigil efficiency "$probes" 1s
  sleep 20 # the coordinator's first round, then every probe at its phase
  c0=$(cpu "$vigil_pid"); p0=$(pg_cpu "$vigil_data"); r0=$(requests)
  sleep "$duration"
  c1=$(cpu "$vigil_pid"); p1=$(pg_cpu "$vigil_data"); r1=$(requests)
  v_checks=$((r1 - r0 - 1))
  log "vigil: $probes probes at 1s; nginx saw $v_checks checks in ${duration}s ($(calc "round($v_checks / $duration)")/s);" \
    "JVM CPU $(calc "round($c1 - $c0, 2)")s -> $(calc "round($v_checks / ($c1 - $c0))") probes per CPU-second;" \
    "embedded PostgreSQL CPU $(calc "round($p1 - $p0, 2)")s" \
    "(-> $(calc "round($v_checks / ($c1 - $c0 + $p1 - $p0))") per CPU-second with it)"
  curl -s "http://127.0.0.1:$vigil_port/actuator/prometheus" | grep -E '^vigil_probe_schedule_lag_seconds(\{.*quantile|_max)' \
    | sed 's/^/vigil efficiency run: /' | tee -a "$results"
  stop_vigil
fi

if [ "$only" != "efficiency" ]; then
  start_vigil scale "$scale_probes" 30s
  sleep 45 # the first round plans every probe; after 30 s each has run once
  c0=$(cpu "$vigil_pid"); p0=$(pg_cpu "$vigil_data"); r0=$(requests)
  sleep "$scale_duration"
  c1=$(cpu "$vigil_pid"); p1=$(pg_cpu "$vigil_data"); r1=$(requests)
  s_checks=$((r1 - r0 - 1))
  log "vigil scale: $scale_probes probes at 30s; nginx saw $s_checks checks in ${scale_duration}s" \
    "($(calc "round($s_checks / $scale_duration, 1)")/s, expected $(calc "round($scale_probes / 30, 1)")/s);" \
    "JVM CPU $(calc "round($c1 - $c0, 2)")s = $(calc "round(100 * ($c1 - $c0) / $scale_duration, 1)") % of one core;" \
    "embedded PostgreSQL $(calc "round(100 * ($p1 - $p0) / $scale_duration, 1)") % of one core"
  curl -s "http://127.0.0.1:$vigil_port/actuator/prometheus" | grep -E '^vigil_probe_schedule_lag_seconds(\{.*quantile|_max|_count)' \
    | sed 's/^/vigil scale run: /' | tee -a "$results"
  log "vigil scale: RSS $(awk '/VmRSS/ {print $2 / 1024 " MB"}' "/proc/$vigil_pid/status")"
  stop_vigil
fi
log "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
