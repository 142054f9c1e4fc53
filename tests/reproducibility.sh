#!/usr/bin/env bash
# Meta-test: RC_PARAMS="seed=42" run twice gives the same results file, line
# for line (verdicts, cases, worst ratios, escalations, counterexamples).
# usage: reproducibility.sh GTEST_FILTER PROPERTY_PROGRAM...
set -euo pipefail
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
filter="$1"
shift
for run in first second; do
  for program in "$@"; do
    RC_PARAMS="seed=42" GDCHECK_RESULTS="$scratch/$run.jsonl" "$program" --gtest_filter="$filter" >/dev/null 2>&1 || true
  done
done
[[ -s "$scratch/first.jsonl" ]] || { echo "no results were written"; exit 1; }
diff "$scratch/first.jsonl" "$scratch/second.jsonl"
echo "$(wc -l <"$scratch/first.jsonl") result lines identical across two runs with seed=42"
