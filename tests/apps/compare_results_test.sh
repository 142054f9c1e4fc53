#!/usr/bin/env bash
# scripts/compare-results.sh can tell runs apart: a file agrees with itself
# and with a copy whose only changes are a timing and a source line; a changed
# verdict, case count or counterexample is reported (exit 1); a file that is
# not a results file is an error (exit 2).
# Usage: compare_results_test.sh SOURCE_DIR RESULTS_FILE
set -uo pipefail
compare="$1/scripts/compare-results.sh" results="$2"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
expect() {  # expect STATUS FILE_A FILE_B WHAT
  "$compare" "$2" "$3" >"$work/out" 2>&1
  local status=$?
  [[ $status -eq $1 ]] || { echo "$4: expected exit $1, got $status"; cat "$work/out"; exit 1; }
}
expect 0 "$results" "$results" "a file against itself"
# Reordered lines, a timing and a source line changed: still equal.
tac "$results" | jq -c '. + {runs_per_second: 12345}' >"$work/timing.jsonl"
sed -i -E '0,/"property"/s/"property"/"note":"at descent_lemma.cpp:12","property"/' "$work/timing.jsonl"
cp "$work/timing.jsonl" "$work/timing_other_line.jsonl"
sed -i 's/descent_lemma.cpp:12/descent_lemma.cpp:99/' "$work/timing_other_line.jsonl"
expect 0 "$work/timing.jsonl" "$work/timing_other_line.jsonl" "timings and source lines"
for change in '.verdict = "fail"' '.cases += 1' '.counterexample = "x = 1"' '.escalations += 1'; do
  jq -c "if input_line_number == 1 then $change else . end" "$results" >"$work/changed.jsonl"
  expect 1 "$results" "$work/changed.jsonl" "a line with $change"
done
echo "not json" >"$work/bad.jsonl"
expect 2 "$results" "$work/bad.jsonl" "a file that is not JSON"
echo "compare-results: equal runs agree; a changed verdict, case count, counterexample or escalation count differs"
