#!/usr/bin/env bash
# Counts the statements Vigil's PostgreSQL runs while alerts open incidents: 200 new alerts through the events API,
# one per request, then one request of 100 new alerts, each opening an incident that pages (the user has no contact
# method, so no delivery adds its own reads). Reports the calls of every statement that reads incident rows, from
# pg_stat_statements, so that a change to what the opening transaction reads can be compared before and after:
#
#   bench/incident-reads.sh            # this checkout's target/vigil.jar (built if missing)
#
# Needs curl, psql (Debian's postgresql-client) and python3. Everything listens on 127.0.0.1.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
cd "$root"
[ -f target/vigil.jar ] || ./mvnw -q -B -DskipTests package
work=$(mktemp -d)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
key="incidentreads$(date +%s%N)"
cat >"$work/vigil.yaml" <<YAML
version: 1
teams: [{name: bench, members: [ana]}]
users: [{name: ana, email: ana@example.com}]
escalation_policies: [{name: bench, steps: [{delay: 30m, targets: [{user: ana}]}]}]
services: [{name: api, team: bench, tier: 1, escalation_policy: bench}]
integrations: [{name: scripts, type: events, service: api, rate_limit: 1000000, key: "$key"}]
YAML
pid=""
cleanup() { [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
start() {
  VIGIL_DATA_DIR="$work/data" VIGIL_ADMIN_TOKEN="adm$key" "$root/vigil" server --port "$port" \
    --config "$work/vigil.yaml" >>"$work/vigil.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do curl -sf -o /dev/null "http://127.0.0.1:$port/actuator/health/readiness" && return; sleep 0.2; done
  echo "bench/incident-reads.sh: Vigil not ready; its log:" >&2; tail -n 40 "$work/vigil.log" >&2; exit 1
}
# pg_stat_statements is loaded at server start: start once to create the data directory, then again with it.
start; kill -TERM "$pid"; wait "$pid" || true
echo "shared_preload_libraries = 'pg_stat_statements'" >>"$work/data/postgres/postgresql.conf"
start
pg=$(sed -n 4p "$work/data/postgres/postmaster.pid")
q() { psql -qXAt -h 127.0.0.1 -p "$pg" -U postgres -d postgres -c "$1"; }
q 'create extension if not exists pg_stat_statements'
q 'select pg_stat_statements_reset()' >/dev/null
events="http://127.0.0.1:$port/api/v1/integrations/$key/events"
for i in $(seq 1 200); do
  curl -sf -o /dev/null -H 'Content-Type: application/json' \
    -d "{\"fingerprint\": \"one-$i\", \"summary\": \"alert $i\", \"severity\": \"critical\"}" "$events"
done
python3 -c 'import json; print(json.dumps({"events": [{"fingerprint": "batch-%d" % i, "summary": "batch",
  "severity": "critical"} for i in range(100)]}))' | curl -sf -o /dev/null -H 'Content-Type: application/json' -d @- "$events"
echo "# bench/incident-reads.sh $(date -u +%FT%TZ) at $(git rev-parse --short HEAD)"
echo "incidents opened: $(q 'select count(*) from incident')"
echo "calls of statements reading incident rows: $(q "select sum(calls) from pg_stat_statements
  where query ~* '^select' and query ~* 'from incident i'")"
q "select calls || ' | ' || left(regexp_replace(query, '\s+', ' ', 'g'), 150) from pg_stat_statements
  where query ~* '^select' and query ~* 'from incident i' order by calls desc"
