#!/usr/bin/env bash
# Times `vigil generate prometheus` on a large catalog (bench/gen-catalog.py: 2,000 services of seven kinds) and
# counts what it writes: alerting rules, recording rules, promtool test cases and files. N runs.
#
#   RUNS=N bench/generate.sh      (3 runs by default)
#
# Each run is a whole process (JVM start, catalog load and checks, generation, writing). The peer, timed in the same
# runs, is `vigil validate` of the same file: the same process without the generation, so that the difference is
# what generating costs. promtool's check of every rule is timed once at the end, and its run of the unit tests on
# the first 50 services' test files (all 2,000 take minutes: promtool starts a fresh storage per test case).
set -euo pipefail

root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
runs=${RUNS:-3}

"$root/vigil" --version >/dev/null # builds the jar if stale, outside the timings
work=$(mktemp -d /tmp/vigil-bench-generate.XXXXXX)
trap 'rm -rf "$work"' EXIT

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
python3 "$root/bench/gen-catalog.py" >"$work/vigil.yaml"
echo "catalog: $(grep -c '^  - name: svc-' "$work/vigil.yaml") services"

seconds() { local start end; start=$(date +%s.%N); "$@" >/dev/null 2>&1; end=$(date +%s.%N); echo "$end - $start" | bc; }

for i in $(seq 1 "$runs"); do
  rm -rf "$work/out"
  validate=$(seconds "$root/vigil" validate "$work/vigil.yaml")
  generate=$(seconds "$root/vigil" generate prometheus --config "$work/vigil.yaml" --out "$work/out")
  check=$(seconds "$root/vigil" generate prometheus --config "$work/vigil.yaml" --out "$work/out" --check)
  printf 'run %d: generate %.2f s, generate --check %.2f s, validate (peer) %.2f s\n' "$i" "$generate" "$check" "$validate"
done

count() { cat "$@" | awk -v p="$pattern" '$0 ~ p { n++ } END { print n + 0 }'; }
alerts=$(pattern='^      - alert:' count "$work"/out/rules/*.yml)
records=$(pattern='^      - record:' count "$work"/out/rules/*.yml)
cases=$(pattern='^  - name:' count "$work"/out/tests/*.yml)
echo "written: $(find "$work/out" -type f | wc -l) files, $(du -sh "$work/out" | cut -f1); $alerts alerting rules," \
  "$records recording rules, $cases promtool test cases"
cd "$work/out"
printf 'promtool check config (every rule file): %.2f s\n' "$(seconds promtool check config prometheus/scrape.yml)"
sample=$(find tests -name '*.test.yml' | sort | head -50 | tr '\n' ' ')
sample_cases=$(pattern='^  - name:' count $sample)
printf 'promtool test rules (50 services, %d cases): %.2f s\n' "$sample_cases" \
  "$(seconds sh -c "promtool test rules $sample")"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
