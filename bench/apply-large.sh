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

# Runs `vigil apply FILE` on DATA; prints seconds; fails unless the plan summary matches EXPECTED.
timed_apply() {
  local file=$1 data=$2 expected=$3 start end
  start=$(now_ms)
  if ! VIGIL_DATA_DIR=$data "$root/vigil" apply "$file" >"$work/out" 2>&1; then
    echo "bench/apply-large.sh: vigil apply $file failed:" >&2
    tail -n 20 "$work/out" >&2
    exit 1
  fi
  end=$(now_ms)
  if ! grep -q "$expected" "$work/out"; then
    echo "bench/apply-large.sh: expected '$expected' from vigil apply $file, got:" >&2
    tail -n 5 "$work/out" >&2
    exit 1
  fi
  awk -v ms=$((end - start)) 'BEGIN { printf "%.2f\n", ms / 1000 }'
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
max() { sort -n | tail -n 1; }

for kind in large small; do
  if [ "$kind" = large ]; then creates="Plan: 3100 to create, 0 to update, 0 to delete."; else creates="Plan: 5 to create"; fi
  : >"$work/$kind-first" >"$work/$kind-again"
  for i in $(seq 1 "$runs"); do
    first=$(timed_apply "$work/$kind.yaml" "$work/data-$kind-$i" "$creates")
    again=$(timed_apply "$work/$kind.yaml" "$work/data-$kind-$i" "No changes")
    echo "$kind run $i: first apply ${first} s, re-apply ${again} s"
    echo "$first" >>"$work/$kind-first"
    echo "$again" >>"$work/$kind-again"
  done
done

echo
printf '%-34s %8s %8s\n' "" median max
printf '%-34s %8s %8s\n' "large, first apply (all creates)" "$(median <"$work/large-first")" "$(max <"$work/large-first")"
printf '%-34s %8s %8s\n' "large, re-apply (no changes)" "$(median <"$work/large-again")" "$(max <"$work/large-again")"
printf '%-34s %8s %8s\n' "one service, first apply" "$(median <"$work/small-first")" "$(max <"$work/small-first")"
printf '%-34s %8s %8s\n' "one service, re-apply" "$(median <"$work/small-again")" "$(max <"$work/small-again")"
awk -v a="$(median <"$work/large-first")" -v b="$(median <"$work/small-first")" \
  -v c="$(median <"$work/large-again")" -v d="$(median <"$work/small-again")" \
  'BEGIN { printf "catalog work (large minus one service, medians): first apply %.2f s, re-apply %.2f s\n", a - b, c - d }'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
