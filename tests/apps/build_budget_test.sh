#!/usr/bin/env bash
# The build-budget check can fail: with every budget at 1 ms it must exit 1
# and name the units over it; with the real budgets file it must not crash
# on this build's log. Usage: build_budget_test.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
source_dir="$1" build_dir="$2"
tiny=$(mktemp)
trap 'rm -f "$tiny"' EXIT
echo '. 0.001' >"$tiny"
status=0
out=$(GDCHECK_BUILD_BUDGETS="$tiny" "$source_dir/scripts/check-build-budget.sh" "$build_dir" 2>&1) || status=$?
[[ $status -eq 1 ]] || { echo "expected exit 1 with 1 ms budgets, got $status: $out"; exit 1; }
grep -q "over 1.5 x its budget of 0.001 s" <<<"$out" || { echo "the failure does not name a unit and its budget: $out"; exit 1; }
echo '. not-a-number' >"$tiny"
status=0
out=$(GDCHECK_BUILD_BUDGETS="$tiny" "$source_dir/scripts/check-build-budget.sh" "$build_dir" 2>&1) || status=$?
[[ $status -eq 2 ]] || { echo "a malformed budgets file must be an error (exit 2), got $status: $out"; exit 1; }
echo "build-budget check: red on a unit over its budget, an error on a malformed budgets file"
