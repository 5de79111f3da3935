#!/usr/bin/env bash
# Measures alert intake and paging latency of Vigil next to Debian's Prometheus Alertmanager, in the same run, on
# the same machine, with the same alert stream (bench/intake/Harness.java does the load):
#
# - sustained intake: Vigil's POST /api/v1/integrations/{key}/alertmanager (webhook payload v4) against
#   Alertmanager's POST /api/v2/alerts, batches of 1 and of 100 alerts, N client threads, a fixed time each after a
#   warm-up; every alert new ("distinct") and the same 1,000 alerts cycling ("repeat"). Alerts/s and request
#   latency p50/p99/max, and the CPU each side used. Then a paced run: new alerts in batches of 100 at a fixed
#   rate (default 5,000 alerts/s), sent open loop, for the latency at that rate.
# - alert -> notification: new alerts at a fixed rate, one per request, each opening its own incident (Vigil,
#   events API) or its own aggregation group (Alertmanager, group_wait 0s); the harness's webhook sink receives
#   Vigil's pages and Alertmanager's notifications and the latency is arrival minus request send time.
#
#   bench/intake.sh [--threads N] [--warmup S] [--duration S] [--rate N] [--latency-duration S] [--only WHAT]
#
# --threads           client threads in the intake runs (default 8)
# --warmup            seconds of warm-up before each measured intake run (default 5)
# --duration          measured seconds of each intake run (default 20)
# --rate              new incidents per second in the latency runs (default 100)
# --latency-duration  seconds of the latency runs (default 20)
# --latency-warmup    seconds of the same stream, unmeasured, before each latency run (default 10), so that the run
#                     measures a warmed-up JVM as the intake runs do
# --only              throughput, paced or latency, to run one part (throughput includes the paced run)
# --targets           vigil,am (default), or one of them, for a quick look at one side (published figures use both)
# --pg-statements     load pg_stat_statements into Vigil's PostgreSQL and add its busiest statements to the results
#                     (to see where the database's time goes; it costs a little, so published figures run without)
# --prewarm           seconds of unmeasured load each target gets before its first intake scenario (default 45)
# --streams, --batches  distinct,repeat and 1,100 (defaults): the intake scenarios to run, for a quick look
# --paced-rate        alerts/s of the paced run: batches of 100 sent open loop at this rate (default 5000; 0 = none)
# --tag               appended to the results file's name, to keep several runs of one day apart
# --pagers            spread the latency run's incidents over N services, each paging its own user through her own
#                     webhook (default 1: one user, one contact method, whose messages bundle what waits for it)
#
# Each measurement runs with the other side stopped (SIGSTOP/SIGCONT: Alertmanager, or Vigil's JVM with its
# PostgreSQL), so that neither's background work lands in the other's figures; the CPU the stopped side still used
# is reported as other_side_cpu_s.
# Vigil runs from target/vigil.jar through ./vigil (its default JVM options) on a fresh embedded data directory,
# with VIGIL_NOTIFY_DELIVERY_MININTERVAL=0s so that the per-contact-method rate limit does not bundle the pages of
# the latency run into one. VIGIL_JOBS_POLLINGINTERVAL is passed through if set (default 500ms).
# Raw results go to bench/results/intake-DATE.txt. Traffic stays on 127.0.0.1; every load loop is bounded in time
# and in requests; Vigil and Alertmanager are stopped by PID at exit.
set -euo pipefail

root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
pg_statements=0 extra=() targets=vigil,am threads=8 warmup=5 duration=20 rate=100 latency_duration=20 latency_warmup=10 only="" pagers=1 tag="" paced_rate=5000
while [ $# -gt 0 ]; do
  case "$1" in
    --threads) threads=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --rate) rate=$2; shift 2 ;;
    --latency-duration) latency_duration=$2; shift 2 ;;
    --latency-warmup) latency_warmup=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    --pagers) pagers=$2; shift 2 ;;
    --tag) tag=$2; shift 2 ;;
    --paced-rate) paced_rate=$2; shift 2 ;;
    --targets) targets=$2; shift 2 ;;
    --pg-statements) pg_statements=1; shift ;;
    --prewarm) extra+=(--prewarm "$2"); shift 2 ;;
    --streams) extra+=(--streams "$2"); shift 2 ;;
    --batches) extra+=(--batches "$2"); shift 2 ;;
    *) echo "usage: bench/intake.sh [--threads N] [--warmup S] [--duration S] [--rate N] [--latency-duration S] [--latency-warmup S] [--only throughput|paced|latency] [--targets vigil,am] [--pg-statements] [--prewarm S] [--streams distinct,repeat] [--batches 1,100] [--pagers N] [--paced-rate N] [--tag NAME]" >&2
       exit 2 ;;
  esac
done
command -v curl >/dev/null || { echo "bench/intake.sh: needs curl (Debian package curl)" >&2; exit 2; }
command -v python3 >/dev/null || { echo "bench/intake.sh: needs python3 (to pick free ports)" >&2; exit 2; }
alertmanager_bin=$(command -v prometheus-alertmanager || command -v alertmanager || true)
[ -n "$alertmanager_bin" ] || { echo "bench/intake.sh: needs Alertmanager: apt-get install prometheus-alertmanager" >&2; exit 2; }
harness_java=${HARNESS_JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
[ -x "$harness_java" ] || { echo "bench/intake.sh: no JDK 25 at $harness_java; set HARNESS_JAVA to a java 22+" >&2; exit 2; }

cd "$root"
[ -f target/vigil.jar ] || ./mvnw -q -B -DskipTests package
"$root/vigil" --version >/dev/null # rebuilds a stale jar and records the start-up cache, outside the timings
. "$root/.mvn/find-jdk.sh"

work=$(mktemp -d /tmp/vigil-bench-intake.XXXXXX)
vigil_pid="" am_pid=""
postgres_pid=""
cleanup() {
  # The harness stops the side it is not measuring; should it die meanwhile, let that side run again to stop it.
  for pid in $vigil_pid $am_pid $postgres_pid; do kill -CONT "$pid" 2>/dev/null || true; done
  if [ -n "$postgres_pid" ]; then pkill -CONT -P "$postgres_pid" 2>/dev/null || true; fi
  for pid in $vigil_pid $am_pid; do
    if kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid"; wait "$pid" 2>/dev/null || true; fi
  done
  rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
random_key() { head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 28; }

vigil_port=$(free_port) am_port=$(free_port) sink_port=$(free_port)
export BENCH_AM_KEY="am$(random_key)" BENCH_EVENTS_KEY="ev$(random_key)"
admin_token="adm$(random_key)"

# The catalog: one team, user, service and policy (pager-0, bench-api), plus pager-1..N-1 with their own service,
# policy and webhook for --pagers N; the events integration routes by the label pager.
{
  echo "version: 1"
  echo "teams:"
  echo "  - name: bench"
  echo "    members: [$(seq -s ', ' -f 'pager-%g' 0 $((pagers - 1)))]"
  echo "users:"
  for i in $(seq 0 $((pagers - 1))); do
    printf '  - name: pager-%d\n    email: pager-%d@example.com\n    contact_methods:\n      - type: webhook\n        address: http://127.0.0.1:%d/vigil/%d\n' \
      "$i" "$i" "$sink_port" "$i"
  done
  echo "services:"
  for i in $(seq 0 $((pagers - 1))); do
    name=$([ "$i" = 0 ] && echo bench-api || echo "bench-api-$i")
    printf '  - name: %s\n    team: bench\n    tier: 1\n    escalation_policy: bench-%d\n' "$name" "$i"
  done
  echo "escalation_policies:"
  for i in $(seq 0 $((pagers - 1))); do
    printf '  - name: bench-%d\n    steps:\n      - delay: 30m\n        targets:\n          - user: pager-%d\n' "$i" "$i"
  done
  cat <<EOF
integrations:
  - name: prometheus
    type: alertmanager
    service: bench-api
    group_by: [alertname]
    rate_limit: 1000000
    key: \${BENCH_AM_KEY}
  - name: scripts
    type: events
    rate_limit: 1000000
    key: \${BENCH_EVENTS_KEY}
    default_service: bench-api
EOF
  if [ "$pagers" -gt 1 ]; then
    echo "    routing:"
    for i in $(seq 1 $((pagers - 1))); do
      printf '      - match: {pager: "%d"}\n        service: bench-api-%d\n' "$i" "$i"
    done
  fi
} >"$work/vigil.yaml"

cat >"$work/alertmanager.yml" <<EOF
route:
  receiver: sink
  group_by: [alertname]
  group_wait: 0s
  group_interval: 1s
  repeat_interval: 1h
receivers:
  - name: sink
    webhook_configs:
      - url: http://127.0.0.1:$sink_port/am
        send_resolved: false
        max_alerts: 10
EOF

now_ms() { echo $(($(date +%s%N) / 1000000)); }
wait_ready() { # URL PID NAME LOG
  local start; start=$(now_ms)
  until curl -sf -o /dev/null "$1"; do
    if ! kill -0 "$2" 2>/dev/null; then
      echo "bench/intake.sh: $3 exited before it was ready; its output:" >&2; tail -n 40 "$4" >&2; exit 1
    fi
    if [ $(($(now_ms) - start)) -gt 120000 ]; then echo "bench/intake.sh: $3 not ready after 120 s" >&2; exit 1; fi
    sleep 0.1
  done
}

start_vigil() {
  VIGIL_DATA_DIR="$work/data" VIGIL_ADMIN_TOKEN="$admin_token" VIGIL_NOTIFY_DELIVERY_MININTERVAL=0s \
    "$root/vigil" server --port "$vigil_port" --config "$work/vigil.yaml" >>"$work/vigil.log" 2>&1 &
  vigil_pid=$!
  wait_ready "http://127.0.0.1:$vigil_port/actuator/health/readiness" "$vigil_pid" Vigil "$work/vigil.log"
  postgres_pid=$(head -n 1 "$work/data/postgres/postmaster.pid")
}
start_vigil
if [ "$pg_statements" = 1 ]; then
  # pg_stat_statements must be loaded at server start: stop Vigil (and its PostgreSQL), add it, start again.
  kill -TERM "$vigil_pid"; wait "$vigil_pid" 2>/dev/null || true
  echo "shared_preload_libraries = 'pg_stat_statements'" >>"$work/data/postgres/postgresql.conf"
  start_vigil
  pg_port=$(sed -n 4p "$work/data/postgres/postmaster.pid")
  psql -qX -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -c 'create extension if not exists pg_stat_statements'
fi
# The keys as Vigil has them (and a check that the catalog was applied).
integrations=$(curl -sf -H "Authorization: Bearer $admin_token" "http://127.0.0.1:$vigil_port/api/v1/integrations")
for key in "$BENCH_AM_KEY" "$BENCH_EVENTS_KEY"; do
  grep -q "$key" <<<"$integrations" || { echo "bench/intake.sh: integration key not in GET /api/v1/integrations: $integrations" >&2; exit 1; }
done

"$alertmanager_bin" --config.file="$work/alertmanager.yml" --storage.path="$work/am-data" \
  --web.listen-address="127.0.0.1:$am_port" --cluster.listen-address= >"$work/alertmanager.log" 2>&1 &
am_pid=$!
wait_ready "http://127.0.0.1:$am_port/-/ready" "$am_pid" Alertmanager "$work/alertmanager.log"

mkdir -p "$root/bench/results"
suffix=${only:+-$only}
if [ "$pagers" -gt 1 ]; then suffix="$suffix-pagers$pagers"; fi
suffix="$suffix${tag:+-$tag}"
out="$root/bench/results/intake-$(date -u +%F)$suffix.txt"
{
  echo "# bench/intake.sh $(date -u +%FT%TZ)"
  echo "# machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -n 1), $(awk '/MemTotal/ { printf "%.0f GB RAM", $2 / 1048576 }' /proc/meminfo), $(uname -sr)"
  echo "# the load generator, Vigil (JVM + embedded PostgreSQL) and Alertmanager share these cores"
  echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# Vigil: $("$root/vigil" --version 2>/dev/null | head -n 1) on $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1), ./vigil default JVM options ${VIGIL_JAVA_OPTS:-}"
  echo "# Vigil settings: VIGIL_NOTIFY_DELIVERY_MININTERVAL=0s, VIGIL_JOBS_POLLINGINTERVAL=${VIGIL_JOBS_POLLINGINTERVAL:-default (500ms)}"
  echo "# Alertmanager: $("$alertmanager_bin" --version 2>&1 | head -n 1)"
  echo "# harness: $("$harness_java" -version 2>&1 | head -n 1)"
} >"$work/header"
cat "$work/header"

"$harness_java" "$root/bench/intake/Harness.java" --vigil "http://127.0.0.1:$vigil_port" \
  --alertmanager "http://127.0.0.1:$am_port" --alertmanager-key "$BENCH_AM_KEY" --events-key "$BENCH_EVENTS_KEY" \
  --sink-port "$sink_port" --threads "$threads" --warmup "$warmup" --duration "$duration" --rate "$rate" \
  --latency-duration "$latency_duration" --latency-warmup "$latency_warmup" --vigil-pid "$vigil_pid" --postgres-pid "$postgres_pid" \
  --alertmanager-pid "$am_pid" --pagers "$pagers" --paced-rate "$paced_rate" --targets "$targets" --clock-ticks "$(getconf CLK_TCK)" ${only:+--only "$only"} "${extra[@]}" --out "$work/raw"

{
  cat "$work/header"
  cat "$work/raw"
  echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  if [ "$pg_statements" = 1 ]; then
    echo "# Vigil's PostgreSQL, busiest statements (pg_stat_statements): total ms, calls, mean ms, rows, query"
    psql -qAtX -F ' | ' -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -c "select round(total_exec_time),
      calls, round(mean_exec_time::numeric, 3), rows, left(regexp_replace(query, '\s+', ' ', 'g'), 160)
      from pg_stat_statements order by total_exec_time desc limit 25" | sed 's/^/#   /'
  fi
  echo "# Vigil warnings and errors in its log: $(grep -c '"level":"\(WARN\|ERROR\)"' "$work/vigil.log" || true)"
  echo "# Alertmanager log lines at level=error/warn: $(grep -c 'level=\(error\|warn\)' "$work/alertmanager.log" || true)"
} >"$out"
grep '"level":"\(WARN\|ERROR\)"' "$work/vigil.log" | head -n 5 >&2 || true
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "raw results: $out"
