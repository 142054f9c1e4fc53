#!/usr/bin/env bash
# The scaling table of docs/deep-runs.md (issue 26, item 3): the statistical
# properties and the experiments (ctest -L 'statistical|experiment') run once
# unsharded and as 2 shards at once
# (GNU parallel), one thread per process, with wall times; the merged shards
# compared with the unsharded results; then, from those results, how evenly
# n = 2..16 shards split each sharded property's runs or cells (apps/shard_plan).
# Prints markdown. RC_PARAMS defaults to seed=42; GDCHECK_DEEP as set.
set -euo pipefail
cd "$(dirname "$0")/.."
export RC_PARAMS="${RC_PARAMS:-seed=42}" GDCHECK_THREADS=1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
seconds() { date +%s.%N; }

start=$(seconds)
GDCHECK_RESULTS="$work/one.jsonl" ctest --test-dir build -L 'statistical|experiment' -j1 >"$work/one.log" 2>&1 ||
  { echo "shard-scaling: the unsharded run failed ($work/one.log)" >&2; cat "$work/one.log" >&2; exit 1; }
one=$(awk -v a="$(seconds)" -v b="$start" 'BEGIN { print a - b }')
start=$(seconds)
parallel --will-cite -j2 GDCHECK_SHARD={}/2 GDCHECK_RESULTS="$work/s{}.jsonl" \
  ctest --test-dir build -L "'statistical|experiment'" -j1 ">$work/s{}.log" "2>&1" ::: 1 2 ||
  { echo "shard-scaling: a shard failed" >&2; exit 1; }
two=$(awk -v a="$(seconds)" -v b="$start" 'BEGIN { print a - b }')
build/apps/merge_shards "$work"/s1.jsonl "$work"/s2.jsonl >"$work/merged.jsonl"
same=$(jq -c 'del(.test, .program)' "$work/one.jsonl" | sort | cmp -s - <(jq -c 'del(.test, .program)' "$work/merged.jsonl" | sort) && echo yes || echo NO)

echo "RC_PARAMS=\"$RC_PARAMS\", GDCHECK_DEEP=${GDCHECK_DEEP:-unset} (the default sizes unless set), on $(nproc) cores:"
echo
printf '| statistical properties and experiments (`ctest -L '"'"'statistical|experiment'"'"'`, %s tests), one thread per process | wall time |\n|---|---|\n' \
  "$(ctest --test-dir build -N -L 'statistical|experiment' | sed -n 's/^Total Tests: //p')"
printf '| unsharded | %.1f s |\n| 2 shards at once (GNU parallel, 2 cores) | %.1f s (%.2fx) |\n\n' "$one" "$two" \
  "$(awk -v a="$one" -v b="$two" 'BEGIN { print a / b }')"
echo "Merged shards equal the unsharded results line for line: $same."
echo
build/apps/shard_plan "$work/one.jsonl" "$work/s1.jsonl"
