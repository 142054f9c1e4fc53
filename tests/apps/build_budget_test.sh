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
# A unit in the 1.5 x to 3 x band is compiled again alone and judged on that
# time: a small unit (the shard parser) with a budget of its logged time /
# 2.95 (inside the band) is red, and the message gives both times. Alone it
# must then take more than 1.5 / 2.95 = 0.51 of its logged time, which holds
# unless the logged build ran it 1.97 x slower than alone (the most measured
# here: 1.6 x; this test once set logged / 2, which a 1.1 s -> 0.8 s unit passed).
unit='properties/CMakeFiles/gdcheck_results.dir/shard.cpp.o'
logged=$(awk -v u="$unit" 'NR > 1 && $4 == u { t = ($2 - $1) / 1000 } END { if (t != "") print t }' "$build_dir/.ninja_log")
[[ -n "$logged" ]] || { echo "no logged time for $unit in $build_dir"; exit 1; }
budget=$(echo "$logged / 2.95" | bc -l)
printf 'shard\.cpp\.o$ %s\n. 100000\n' "$budget" >"$tiny"
status=0
out=$(GDCHECK_BUILD_BUDGETS="$tiny" "$source_dir/scripts/check-build-budget.sh" "$build_dir" 2>&1) || status=$?
[[ $status -eq 1 ]] || { echo "expected exit 1 for $unit at its time / 2.95, got $status: $out"; exit 1; }
grep -q "shard.cpp.o took .* s alone, over 1.5 x its budget" <<<"$out" || { echo "the re-timed failure does not say so: $out"; exit 1; }
# The machine factor: a reference unit far slower here than the budgets file
# says scales every budget up (all within); one far faster leaves them as they
# are (the factor is never below 1), so budgets every unit meets stay met.
# A one-line unit stands in for scripts/build-reference.cpp to keep this fast.
quick=$(mktemp --suffix=.cpp)
trap 'rm -f "$tiny" "$quick"' EXIT
echo 'int probe() { return 1; }' >"$quick"
printf '@reference 0.0001\n. 0.2\n' >"$tiny"
status=0
out=$(GDCHECK_BUILD_REFERENCE="$quick" GDCHECK_BUILD_BUDGETS="$tiny" "$source_dir/scripts/check-build-budget.sh" "$build_dir" 2>&1) || status=$?
[[ $status -eq 0 ]] || { echo "a machine 100 x slower than the budgets' must scale them up, got $status: $out"; exit 1; }
grep -q "budgets x [0-9]" <<<"$out" || { echo "the scaling is not reported: $out"; exit 1; }
printf '@reference 1000\n. 100000\n' >"$tiny"
status=0
out=$(GDCHECK_BUILD_REFERENCE="$quick" GDCHECK_BUILD_BUDGETS="$tiny" "$source_dir/scripts/check-build-budget.sh" "$build_dir" 2>&1) || status=$?
[[ $status -eq 0 ]] || { echo "a faster machine must not tighten the budgets, got $status: $out"; exit 1; }
echo "build-budget check: red on a unit over its budget (at once, or after compiling it again alone), an error on a malformed budgets file, budgets scaled up (never down) by the machine's reference time"
