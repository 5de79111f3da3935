#!/usr/bin/env bash
# Drives Vigil with real third-party clients, unchanged, over Vigil's own HTTPS: Debian's Prometheus (scraping
# /actuator/prometheus and alerting through Alertmanager), Debian's Alertmanager (webhook and pagerduty_configs
# receivers) and amtool, PagerDuty's JavaScript library @pagerduty/pdjs, and healthchecks.io-style cron pings with
# curl and wget. Prints one line per check and a closing "N passed, N failed" line; exits 1 if any check failed.
#
#   bench/real-clients.sh [--seconds N]     (default 150: how long to wait for Prometheus's alert to reach Vigil;
#                                            Prometheus sends a new alert within about its 1 min resend delay)
#
# Needs: prometheus, prometheus-alertmanager (amtool), openssl, curl, wget, jq, node with .ci/npm installed
# (npm ci --prefix .ci/npm). Everything listens on 127.0.0.1 and stops on exit.
set -euo pipefail

root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
seconds=150
while [ $# -gt 0 ]; do
  case $1 in
    --seconds) seconds=$2; shift 2 ;;
    *) echo "usage: $0 [--seconds N]" >&2; exit 2 ;;
  esac
done

for tool in prometheus prometheus-alertmanager amtool openssl curl wget jq node; do
  command -v "$tool" >/dev/null || { echo "missing: $tool (apt-get install prometheus prometheus-alertmanager openssl curl wget jq nodejs)" >&2; exit 2; }
done
[ -d "$root/.ci/npm/node_modules/@pagerduty/pdjs" ] || { echo "missing: @pagerduty/pdjs (npm ci --prefix .ci/npm)" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/vigil-real-clients.XXXXXX")
vigil_port=18443 prom_port=19090 am_port=19093
token="vgl_real-clients-$(openssl rand -hex 12)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  # The logs of the last run stay for a look at what failed.
  logs="${TMPDIR:-/tmp}/vigil-real-clients-logs"
  rm -rf "$logs" && mkdir -p "$logs" && cp "$work"/*.log "$work"/*.yml "$logs"/ 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

passed=0 failed=0
check() { # check NAME CONDITION-RESULT DETAIL
  if [ "$2" = ok ]; then passed=$((passed + 1)); echo "PASS $1: $3"; else failed=$((failed + 1)); echo "FAIL $1: $3"; fi
}

# A private CA and a certificate for 127.0.0.1 and localhost: every client verifies Vigil's certificate against it.
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=Vigil real-clients CA" \
  -keyout "$work/ca.key" -out "$work/ca.pem" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout "$work/server.key" -out "$work/server.csr" 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n' >"$work/san.ext"
openssl x509 -req -in "$work/server.csr" -CA "$work/ca.pem" -CAkey "$work/ca.key" -CAcreateserial -days 2 \
  -extfile "$work/san.ext" -out "$work/server.pem" 2>/dev/null

base="https://127.0.0.1:$vigil_port"
api() { curl -sS --cacert "$work/ca.pem" -H "Authorization: Bearer $token" "$@"; }

echo "starting Vigil (demo catalog) on $base"
VIGIL_DATA_DIR="$work/data" VIGIL_ADMIN_TOKEN="$token" VIGIL_PUBLIC_URL="$base" \
  VIGIL_TLS_CERTIFICATE="$work/server.pem" VIGIL_TLS_PRIVATE_KEY="$work/server.key" \
  "$root/vigil" demo --port "$vigil_port" >"$work/vigil.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 240); do
  curl -sf --cacert "$work/ca.pem" "$base/actuator/health/readiness" >/dev/null 2>&1 && break
  sleep 1
done
curl -sf --cacert "$work/ca.pem" "$base/actuator/health/readiness" >/dev/null \
  || { echo "Vigil did not become ready; its log:" >&2; tail -40 "$work/vigil.log" >&2; exit 1; }

integrations=$(api "$base/api/v1/integrations")
am_key=$(jq -r '.[] | select(.name == "prometheus") | .key' <<<"$integrations")
pd_key=$(jq -r '.[] | select(.name == "payment-processor-status") | .key' <<<"$integrations")

# Alertmanager: every alert to both receivers, as the issue's clients were set up.
cat >"$work/alertmanager.yml" <<EOF
route:
  receiver: vigil-webhook
  group_by: [alertname, service]
  group_wait: 1s
  group_interval: 5s
  repeat_interval: 1h
  routes:
    - receiver: vigil-webhook
      continue: true
    - receiver: vigil-pagerduty
receivers:
  - name: vigil-webhook
    webhook_configs:
      - url: $base/api/v1/integrations/$am_key/alertmanager
        send_resolved: true
        http_config: {tls_config: {ca_file: $work/ca.pem}}
  - name: vigil-pagerduty
    pagerduty_configs:
      - routing_key: $pd_key
        url: $base/v2/enqueue
        send_resolved: true
        http_config: {tls_config: {ca_file: $work/ca.pem}}
EOF
prometheus-alertmanager --config.file="$work/alertmanager.yml" --storage.path="$work/am" \
  --web.listen-address="127.0.0.1:$am_port" --cluster.listen-address= >"$work/alertmanager.log" 2>&1 &
pids+=($!)

# Prometheus scrapes Vigil over HTTPS and fires one always-true alert on the search service.
cat >"$work/rules.yml" <<EOF
groups:
  - name: real-clients
    rules:
      - alert: RealClientsSearchLatency
        expr: vector(1)
        labels: {service: search, severity: warning}
        annotations: {summary: "Search latency above its objective (real-clients check)"}
EOF
cat >"$work/prometheus.yml" <<EOF
global: {scrape_interval: 5s, evaluation_interval: 5s}
rule_files: [$work/rules.yml]
alerting:
  alertmanagers: [{static_configs: [{targets: ["127.0.0.1:$am_port"]}]}]
scrape_configs:
  - job_name: vigil
    scheme: https
    metrics_path: /actuator/prometheus
    tls_config: {ca_file: $work/ca.pem}
    static_configs: [{targets: ["127.0.0.1:$vigil_port"]}]
EOF
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/prom" \
  --web.listen-address="127.0.0.1:$prom_port" >"$work/prometheus.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 60); do
  curl -sf "http://127.0.0.1:$am_port/-/ready" >/dev/null 2>&1 && curl -sf "http://127.0.0.1:$prom_port/-/ready" >/dev/null 2>&1 && break
  sleep 1
done

# amtool: an alert added by hand goes through the same receivers. On the gateway, which search does not depend on:
# an alert on a service whose dependency has an open incident joins that incident as downstream impact instead.
amtool alert add alertname=RealClientsAmtool service=gateway severity=critical summary="Gateway 5xx (amtool)" \
  --alertmanager.url="http://127.0.0.1:$am_port" >/dev/null

# PagerDuty's JavaScript library: trigger, then resolve, against Vigil's own HTTPS.
pd_out=$(NODE_PATH="$root/.ci/npm/node_modules" NODE_EXTRA_CA_CERTS="$work/ca.pem" \
  node "$root/src/test/resources/dev/vigil/cli/pdjs-trigger-resolve.js" "127.0.0.1:$vigil_port" "$pd_key" real-clients-pdjs 2>&1 || true)
statuses=$(grep -o '^{"status":[0-9]*' <<<"$pd_out" | cut -d: -f2 | tr '\n' ' ')
[ "$statuses" = '202 202 ' ] && r=ok || r=no
check "pdjs trigger+resolve over HTTPS" $r "$statuses"

# healthchecks.io-style pings: GET, POST, HEAD (wget --spider), a trailing slash, /start and /fail.
hb=$(api "$base/api/v1/heartbeats" | jq -r '[.[] | select(.name == "fleet-sync")][0]')
ping=$(jq -r '.pingUrl' <<<"$hb")
codes=()
codes+=("$(curl -s -o /dev/null -w '%{http_code}' --cacert "$work/ca.pem" "$ping")")
codes+=("$(curl -s -o /dev/null -w '%{http_code}' --cacert "$work/ca.pem" -X POST -d 'done' "$ping")")
wget -q --spider --ca-certificate="$work/ca.pem" "$ping" && codes+=(wget-spider-ok) || codes+=(wget-spider-failed)
codes+=("$(curl -s -o /dev/null -w '%{http_code}' --cacert "$work/ca.pem" "$ping/")")
codes+=("$(curl -s -o /dev/null -w '%{http_code}' --cacert "$work/ca.pem" "$ping/start")")
codes+=("$(curl -s -o /dev/null -w '%{http_code}' --cacert "$work/ca.pem" "$ping/fail")")
codes+=("$(curl -s -o /dev/null -w '%{http_code}' --cacert "$work/ca.pem" "$ping")")
[ "${codes[*]}" = "200 200 wget-spider-ok 200 200 200 200" ] && r=ok || r=no
check "heartbeat pings (GET, POST, HEAD, slash, start, fail, GET)" $r "${codes[*]}"
pings=$(api "$base/api/v1/services/$(jq -r '.service' <<<"$hb")/heartbeats/fleet-sync/pings" | jq -r '[.[] | .method + " " + .kind] | join(", ")' 2>/dev/null || echo "?")
echo "     pings recorded (newest first): $pings"

echo "waiting up to $seconds s for Prometheus's alert to reach Vigil through Alertmanager"
waited=0
while [ "$waited" -lt "$seconds" ]; do
  [ "$(api "$base/api/v1/incidents?limit=100" | jq '[.incidents[] | select(.title | test("RealClientsSearchLatency|Search latency above its objective"))] | length')" = 2 ] && break
  sleep 5; waited=$((waited + 5))
done
sleep 10 # a few more scrapes, and the second receiver's delivery
echo "     after $waited s"

# Prometheus's own view of its scrapes of Vigil.
q() { curl -sG "http://127.0.0.1:$prom_port/api/v1/query" --data-urlencode "query=$1" | jq -r '.data.result[0].value[1] // "none"'; }
scrapes=$(q "count_over_time(up{job=\"vigil\"}[10m])")
healthy=$(q "sum_over_time(up{job=\"vigil\"}[10m])")
[ "$scrapes" != none ] && [ "$scrapes" = "$healthy" ] && [ "$scrapes" -gt 0 ] && r=ok || r=no
check "Prometheus scrapes /actuator/prometheus over HTTPS" $r "$healthy of $scrapes healthy"

# What arrived: incidents by the sender that opened them.
incidents=$(api "$base/api/v1/incidents?limit=100")
jq -r '.incidents[] | "     incident \(.id) \(.status) \(.service): \(.title)"' <<<"$incidents"
opened_by() { jq -r --arg t "$1" '[.incidents[] | select(.title | test($t))] | length' <<<"$incidents"; }
# Each alert reaches Vigil twice, through the webhook (its incident on the alert's service, titled by alertname) and
# through the PagerDuty receiver (its incident on the PagerDuty integration's service, titled by Alertmanager).
n=$(opened_by 'RealClientsSearchLatency|Search latency above its objective')
[ "$n" = 2 ] && r=ok || r=no
check "Prometheus rule -> Alertmanager -> Vigil (webhook and PagerDuty receivers)" $r "$n incident(s) for the rule's alert"
n=$(opened_by RealClientsAmtool)
[ "$n" = 2 ] && r=ok || r=no
check "amtool alert -> Alertmanager -> Vigil (webhook and PagerDuty receivers)" $r "$n incident(s)"
pd_state=$(jq -r '[.incidents[] | select(.title == "Disk full on db-1")][0].status // "none"' <<<"$incidents")
[ "$pd_state" = resolved ] && r=ok || r=no
check "pdjs incident resolved by the library's resolve" $r "status $pd_state"

# Nothing a client sent got a server error.
errors=$(grep -c '"log.level":"ERROR"\| ERROR ' "$work/vigil.log" || true)
[ "$errors" = 0 ] && r=ok || r=no
check "no ERROR in Vigil's log" $r "$errors error lines"
am_failed=$(grep -c 'level=error' "$work/alertmanager.log" || true)
[ "$am_failed" = 0 ] && r=ok || r=no
check "Alertmanager delivered without errors" $r "$am_failed error lines"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
