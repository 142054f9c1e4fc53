#!/usr/bin/env bash
# The Monte Carlo properties give identical results lines at 1 and 2 threads
# (parallel_map returns results in index order and each run's seed is its
# index's): a seed reproduces a run whatever the machine's core count.
# Usage: threads_test.sh [--shard k/n] PROGRAM FILTER [[--shard k/n] PROGRAM FILTER]...
# (Each property runs its own fixed number of cases: RC_PARAMS's max_success
# does not lower it, so the comparison's cost is the properties' own. Where
# that is long, --shard compares one slice of every cell's runs, k/n of
# GDCHECK_SHARD: the same loops, at 1/n of the cost, each run as in the
# whole run, the slice's tallies and digests in the lines.)
set -euo pipefail
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export RC_PARAMS="seed=42"
while [[ $# -gt 0 ]]; do
  shard=()
  if [[ $1 == --shard ]]; then
    shard=(env "GDCHECK_SHARD=$2")
    shift 2
  fi
  program=$1 filter=$2
  shift 2
  for threads in 1 2; do
    "${shard[@]}" env GDCHECK_THREADS=$threads GDCHECK_RESULTS="$work/t$threads.jsonl" "$program" --gtest_filter="$filter" >/dev/null 2>&1 ||
      { echo "threads_test: $(basename "$program") failed at $threads threads" >&2; exit 1; }
  done
  cmp -s "$work/t1.jsonl" "$work/t2.jsonl" ||
    { echo "threads_test: $(basename "$program") differs between 1 and 2 threads:" >&2; diff "$work/t1.jsonl" "$work/t2.jsonl" >&2; exit 1; }
  rm -f "$work"/t*.jsonl
  echo "threads_test: $(basename "$program") $filter${shard[1]:+ (${shard[1]})}: identical at 1 and 2 threads"
done
