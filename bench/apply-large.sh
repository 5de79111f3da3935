#!/usr/bin/env bash
# Times `vigil apply` of a large catalog (bench/gen-catalog.py: 2,000 services with dependencies forming a DAG,
# 500 users, 200 teams, 200 schedules, 200 escalation policies) on a fresh data directory (everything created)
# and again on the same directory (no changes), N runs each.
#
#   bench/apply-large.sh [--runs N]
#
# Each `vigil apply` is a whole process: JVM and Spring start, the embedded PostgreSQL started (initialised on a
# fresh directory) and stopped. To tell that fixed cost from the catalog's, the same is timed with a one-service
# catalog; the difference is what the 3,100 objects cost.
set -euo pipefail

root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
runs=3
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    *) echo "usage: bench/apply-large.sh [--runs N]" >&2; exit 2 ;;
  esac
done

"$root/vigil" --version >/dev/null # builds the jar if stale, outside the timings
work=$(mktemp -d /tmp/vigil-bench-apply.XXXXXX)
trap 'rm -rf "$work"' EXIT

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
python3 "$root/bench/gen-catalog.py" >"$work/large.yaml"
python3 "$root/bench/gen-catalog.py" --teams 1 --users 1 --services 1 >"$work/small.yaml"
echo "catalog: $(grep -c '^  - name: svc-' "$work/large.yaml") services, $(grep -c '^  - name: user-' "$work/large.yaml") users," \
  "$(grep -c '^  - name: team-[0-9]*$' "$work/large.yaml") teams, $(wc -l <"$work/large.yaml") lines"

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# Runs `vigil apply FILE` on DATA; prints wall seconds and CPU seconds (user + system, all its processes but the
# embedded PostgreSQL, which runs detached); fails unless the plan summary matches EXPECTED.
timed_apply() {
  local file=$1 data=$2 expected=$3 status=0
  local TIMEFORMAT='%R %U %S'
  { time VIGIL_DATA_DIR=$data "$root/vigil" apply "$file" >"$work/out" 2>&1 || status=$?; } 2>"$work/time"
  if [ "$status" -ne 0 ]; then
    echo "bench/apply-large.sh: vigil apply $file failed:" >&2
    tail -n 20 "$work/out" >&2
    exit 1
  fi
  if ! grep -q "$expected" "$work/out"; then
    echo "bench/apply-large.sh: expected '$expected' from vigil apply $file, got:" >&2
    tail -n 5 "$work/out" >&2
    exit 1
  fi
  awk '{ printf "%.2f %.2f\n", $1, $2 + $3 }' "$work/time"
}

# Median and max of column $1 of standard input.
median() { awk -v c="$1" '{ print $c }' | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
max() { awk -v c="$1" '{ print $c }' | sort -n | tail -n 1; }

for kind in large small; do
  if [ "$kind" = large ]; then creates="Plan: 3100 to create, 0 to update, 0 to delete."; else creates="Plan: 5 to create"; fi
  : >"$work/$kind-first" >"$work/$kind-again"
  for i in $(seq 1 "$runs"); do
    timed_apply "$work/$kind.yaml" "$work/data-$kind-$i" "$creates" >>"$work/$kind-first"
    timed_apply "$work/$kind.yaml" "$work/data-$kind-$i" "No changes" >>"$work/$kind-again"
    echo "$kind run $i: first apply $(tail -n 1 "$work/$kind-first" | awk '{ print $1 " s (CPU " $2 " s)" }')," \
      "re-apply $(tail -n 1 "$work/$kind-again" | awk '{ print $1 " s (CPU " $2 " s)" }')"
  done
done

echo
printf '%-34s %12s %8s %12s\n' "" "wall median" max "CPU median"
for row in "large-first:large, first apply (all creates)" "large-again:large, re-apply (no changes)" \
    "small-first:one service, first apply" "small-again:one service, re-apply"; do
  f="$work/${row%%:*}"
  printf '%-34s %12s %8s %12s\n' "${row#*:}" "$(median 1 <"$f")" "$(max 1 <"$f")" "$(median 2 <"$f")"
done
for col in 1 2; do
  awk -v what="$([ $col = 1 ] && echo wall || echo CPU)" -v a="$(median $col <"$work/large-first")" \
    -v b="$(median $col <"$work/small-first")" -v c="$(median $col <"$work/large-again")" \
    -v d="$(median $col <"$work/small-again")" \
    'BEGIN { printf "catalog work, %s (large minus one service, medians): first apply %.2f s, re-apply %.2f s\n", what, a - b, c - d }'
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
