#!/usr/bin/env bash
# Measures Prometheus-backed SLOs on a running Vigil against Debian's Prometheus and Alertmanager, in one run:
#
# - cost: --slos SLOs (1,000) on Prometheus series loaded by promtool with three days of history (bench/slo/
#   generate.py), evaluated every minute by `vigil server` on its embedded PostgreSQL. Over --cycles evaluation
#   cycles (told apart by the slo-evaluation job's last_success in scheduled_tasks): the Vigil process's CPU time
#   (utime + stime from /proc), in seconds per cycle and in percent of one core; the queries Prometheus answered
#   (its own prometheus_http_requests_total{handler="/api/v1/query"}) per cycle; Prometheus's and the embedded
#   PostgreSQL's CPU apart.
# - detection: one more SLO, checkout-availability (99.9 %, 30 days, the workbook's rules), on a local exporter
#   (bench/slo/exporter.py) that Prometheus scrapes every 15 s, with three days of good history behind it. Every request
#   fails from the moment the script POSTs /spike. Vigil pages a webhook contact method; the same SLO as Sloth-style
#   recording and alerting rules (bench/slo/sloth-rules.yml, evaluated every 15 s, `for: 0s`) goes through Debian's
#   Alertmanager (group_wait 0s) to the same sink (bench/slo/sink.py), which stamps arrivals. Detection time is the
#   first arrival of each less the spike's start, both from this host's clock.
#
#   bench/slo.sh [--slos N] [--cycles N]
#
# Raw results go to bench/results/slo-DATE.txt. Everything listens on 127.0.0.1; every process started here is
# stopped by PID at exit.
set -euo pipefail

root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
slos=1000 cycles=5
while [ $# -gt 0 ]; do
  case "$1" in
    --slos) slos=$2; shift 2 ;;
    --cycles) cycles=$2; shift 2 ;;
    *) echo "usage: bench/slo.sh [--slos N] [--cycles N]" >&2; exit 2 ;;
  esac
done
for tool in prometheus promtool; do
  command -v $tool >/dev/null || { echo "bench/slo.sh: needs $tool: apt-get install prometheus" >&2; exit 2; }
done
command -v prometheus-alertmanager >/dev/null \
  || { echo "bench/slo.sh: needs prometheus-alertmanager: apt-get install prometheus-alertmanager" >&2; exit 2; }
command -v psql >/dev/null || { echo "bench/slo.sh: needs psql: apt-get install postgresql-client" >&2; exit 2; }
command -v curl >/dev/null || { echo "bench/slo.sh: needs curl" >&2; exit 2; }
command -v python3 >/dev/null || { echo "bench/slo.sh: needs python3" >&2; exit 2; }

cd "$root"
[ -f target/vigil.jar ] || ./mvnw -q -B -DskipTests package
"$root/vigil" --version >/dev/null # rebuilds a stale jar, outside the timings

work=$(mktemp -d /tmp/vigil-bench-slo.XXXXXX)
results="$root/bench/results/slo-$(date -u +%F).txt"
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
# The postmaster of Vigil's embedded PostgreSQL (with what its ended children used) plus its live children.
pg_cpu() {
  local pm sum p
  pm=$(sed -n 1p "$work/vigil-data/postgres/postmaster.pid")
  sum=$(awk -v t="$ticks" '{printf "%.2f", ($14 + $15 + $16 + $17) / t}' "/proc/$pm/stat")
  for p in $(pgrep -P "$pm" || true); do
    sum=$(awk -v s="$sum" -v t="$ticks" '{printf "%.2f", s + ($14 + $15) / t}' "/proc/$p/stat" 2>/dev/null || echo "$sum")
  done
  echo "$sum"
}
log() { echo "$*" | tee -a "$results"; }
calc() { python3 -c "print($1)"; }
wait_for() { for _ in $(seq 300); do curl -sf -o /dev/null "$1" && return 0; sleep 0.2; done; echo "bench/slo.sh: $1 did not answer" >&2; exit 1; }

{
  echo "# bench/slo.sh $(date -u +%FT%TZ) at $(git rev-parse --short HEAD)"
  echo "# host: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GB"
  echo "# $(prometheus --version 2>&1 | head -1), $(prometheus-alertmanager --version 2>&1 | head -1), $("$root/vigil" --version 2>/dev/null | head -1)"
  echo "# args: --slos $slos --cycles $cycles"
  echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee -a "$results"

prom_port=$(free_port) am_port=$(free_port) sink_port=$(free_port) exporter_port=$(free_port) vigil_port=$(free_port)
now=$(date +%s)
python3 bench/slo/generate.py "$work" "$now" "http://127.0.0.1:$prom_port" "http://127.0.0.1:$sink_port" \
  "127.0.0.1:$exporter_port" "127.0.0.1:$am_port" "$slos"
t0=$(date +%s.%N)
promtool tsdb create-blocks-from openmetrics --max-block-duration=96h --quiet "$work/history.om" "$work/prom-data" \
  > "$work/promtool.log" 2>&1
log "history: $(du -m "$work/history.om" | cut -f1) MB of OpenMetrics loaded by promtool in $(calc "round($(date +%s.%N) - $t0)") s"

python3 bench/slo/sink.py "$sink_port" "$work/arrivals.txt" & pids+=($!)
python3 bench/slo/exporter.py "$exporter_port" "$((now - 4 * 86400))" 100 & pids+=($!)
cat > "$work/alertmanager.yml" <<EOF
route:
  receiver: sink
  group_by: [alertname]
  group_wait: 0s
  group_interval: 1m
  repeat_interval: 4h
receivers:
  - name: sink
    webhook_configs: [{url: "http://127.0.0.1:$sink_port/alertmanager", send_resolved: false}]
EOF
prometheus-alertmanager --config.file="$work/alertmanager.yml" --storage.path="$work/am-data" \
  --web.listen-address="127.0.0.1:$am_port" --cluster.listen-address= > "$work/alertmanager.log" 2>&1 & pids+=($!)
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/prom-data" \
  --storage.tsdb.retention.time=50y --web.listen-address="127.0.0.1:$prom_port" > "$work/prometheus.log" 2>&1 &
prom_pid=$!
pids+=("$prom_pid")
wait_for "http://127.0.0.1:$prom_port/-/ready"
wait_for "http://127.0.0.1:$am_port/-/ready"
queries() {
  curl -s "http://127.0.0.1:$prom_port/metrics" \
    | awk '/^prometheus_http_requests_total\{/ && /handler="\/api\/v1\/query"/ {s += $NF} END {printf "%d", s}'
}

VIGIL_DATA_DIR="$work/vigil-data" VIGIL_ADMIN_TOKEN=bench-admin-token-0123456789abcdef \
  "$root/vigil" server --config "$work/vigil.yaml" --port "$vigil_port" > "$work/vigil.log" 2>&1 &
vigil_pid=$!
pids+=("$vigil_pid")
wait_for "http://127.0.0.1:$vigil_port/actuator/health/readiness"
pg=$(sed -n 4p "$work/vigil-data/postgres/postmaster.pid")
last_cycle() {
  psql -qXAt -h 127.0.0.1 -p "$pg" -U postgres -d postgres \
    -c "select coalesce(extract(epoch from last_success), 0) from scheduled_tasks where task_name = 'slo-evaluation'"
}
# Waits for the next evaluation cycle to finish; prints when it did.
next_cycle() {
  local before=$1 at
  for _ in $(seq 1800); do
    at=$(last_cycle)
    [ -n "$at" ] && [ "$at" != "$before" ] && [ "$at" != "0" ] && { echo "$at"; return 0; }
    sleep 0.2
  done
  echo "bench/slo.sh: no evaluation cycle finished in 6 minutes" >&2; exit 1
}

# The first cycle, which opens nothing but warms the JIT and the catalog snapshot, is left out.
c=$(next_cycle "$(last_cycle)")
cpu0=$(cpu "$vigil_pid") q0=$(queries) prom0=$(cpu "$prom_pid") pg0=$(pg_cpu) w0=$(date +%s.%N)
for _ in $(seq "$cycles"); do c=$(next_cycle "$c"); done
cpu1=$(cpu "$vigil_pid") q1=$(queries) prom1=$(cpu "$prom_pid") pg1=$(pg_cpu) w1=$(date +%s.%N)
evaluated=$(psql -qXAt -h 127.0.0.1 -p "$pg" -U postgres -d postgres -c "select count(*) from slo_state where last_error is null and state = 'measured'")
failed=$(psql -qXAt -h 127.0.0.1 -p "$pg" -U postgres -d postgres -c "select count(*) from slo_state where last_error is not null")
log "SLOs measured: $evaluated, failing: $failed (of $((slos + 1)))"
log "cycles: $cycles over $(calc "round($w1 - $w0)") s"
log "Vigil CPU: $(calc "round(($cpu1 - $cpu0) / $cycles, 2)") s per cycle, $(calc "round(100 * ($cpu1 - $cpu0) / ($w1 - $w0), 1)") % of one core"
log "queries per cycle (Prometheus's count): $(calc "round(($q1 - $q0) / $cycles, 1)")"
log "Prometheus CPU: $(calc "round(($prom1 - $prom0) / $cycles, 2)") s per cycle (with its scrapes and rules)"
log "embedded PostgreSQL CPU: $(calc "round(($pg1 - $pg0) / $cycles, 2)") s per cycle"

spike=$(curl -sf -X POST "http://127.0.0.1:$exporter_port/spike")
log "spike: every checkout request fails from $(date -u -d "@$(calc "$spike / 1000")" +%FT%T.%3NZ)"
for _ in $(seq 1800); do
  grep -q ' /vigil ' "$work/arrivals.txt" 2>/dev/null && grep -q ' /alertmanager ' "$work/arrivals.txt" 2>/dev/null && break
  sleep 0.2
done
for path in /vigil /alertmanager; do
  first=$(awk -v p="$path" '$2 == p {print $1; exit}' "$work/arrivals.txt" 2>/dev/null || true)
  if [ -n "$first" ]; then
    log "detection $path: $(calc "round(($first - $spike) / 1000, 1)") s from the spike's start to the page"
  else
    log "detection $path: no page within 6 minutes"
  fi
done
log "sink: $(cut -c1-220 "$work/arrivals.txt" | head -4 | tr '\n' '|')"
log "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
