#!/usr/bin/env bash
# calibration_table --controls on fixed results files: each negative control's
# runs, misses, cases to its counterexample and the two 95% bounds on its miss
# probability per run, and exit 1 when a search missed.
# Usage: calibration_table_test.sh CALIBRATION_TABLE_BINARY
set -euo pipefail
table=$1
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
fail() { echo "calibration_table_test: $*" >&2; exit 1; }

# line PROPERTY CASES VERDICT: a negative control's results line, budget 20.
line() {
  printf '{"schema":1,"property":"%s","theorem":"toy","kind":"needs-hypothesis","cases":%s,"verdict":"%s","worst_ratio":null,"escalations":0,"seed":1,"counterexample":null,"case_budget":20}\n' "$1" "$2" "$3"
}
for run in 1 2 3; do line toy/always-first 1 pass >"$out/run-$run.jsonl"; done
# 3 runs, each found in case 1: runs alone 1 - 0.05^(1/3) = 0.63; independent
# cases p_low = 0.05^(1/3) = 0.368 from 3 in 3, (1 - p_low)^20 = 1.0e-04.
rows=$("$table" --controls "$out"/run-*.jsonl) || fail "exit $? with no missed search"
[[ "$rows" == *"| toy/always-first | 3 | 0 | 1 | 1 | 20 | 0.63 | 0.0001 |"* ]] || fail "row: $rows"
line toy/always-first 20 fail >"$out/run-4.jsonl"
set +e
rows=$("$table" --controls "$out"/run-*.jsonl); status=$?
set -e
[[ $status == 1 ]] || fail "a missed search: exit $status, expected 1"
# 1 of 4 missed: runs alone the 0.95 quantile of Beta(2, 3), 0.7514; no
# independent-case bound (it is exact only when every run found one).
[[ "$rows" == *"| toy/always-first | 4 | 1 | 1 | 1 | 20 | 0.75 | - |"* ]] || fail "row with a miss: $rows"
# A budget that is not a positive whole number is shown as unknown, not trusted.
sed 's/"case_budget":20/"case_budget":"lots"/' "$out/run-1.jsonl" >"$out/odd.jsonl"
rows=$("$table" --controls "$out/odd.jsonl") || fail "odd budget: exit $?"
[[ "$rows" == *"| toy/always-first | 1 | 0 | 1 | 1 | - | 0.95 | - |"* ]] || fail "odd budget row: $rows"
# --power on a success-rate claim at least 0.9 from n = 10 runs at level 0.05.
# Computed independently (exact binomial sums in Python's integers and floats):
# the rule rejects k <= 6 (P(Bin(10, 0.9) <= 6) = 0.0128 < 0.05 <= P(<= 7)),
# so its false alarm is 0.0128, and P(Bin(10, p) <= 6) >= 0.99 for p <= 0.297116.
printf '{"schema":1,"property":"toy/rate","theorem":"toy","kind":"statistical","cases":1,"verdict":"pass","worst_ratio":null,"escalations":0,"seed":1,"counterexample":null,"monte_carlo":[{"event":"won | lost","count":9,"runs":10,"claim":{"at_least":0.9,"level":0.05}}]}\n' >"$out/rate.jsonl"
rows=$("$table" --power "$out/rate.jsonl") || fail "--power: exit $?"
[[ "$rows" == *"| toy/rate | won \\| lost | 10 | P >= 0.9 | 0.05 | 0.013 | <= 0.2971 | 0.6029 |"* ]] || fail "power row: $rows"
# An event of probability 0 ("none"): one event in n = 10 runs is red, so a
# rate p is caught w.p. 1 - (1 - p)^10 >= 0.99 from p = 1 - 0.01^(1/10) = 0.369043.
printf '{"schema":1,"property":"toy/never","theorem":"toy","kind":"statistical","cases":1,"verdict":"pass","worst_ratio":null,"escalations":0,"seed":1,"counterexample":null,"monte_carlo":[{"event":"stuck","count":0,"runs":10,"claim":{"none":true}}]}\n' >"$out/never.jsonl"
rows=$("$table" --power "$out/never.jsonl") || fail "--power none: exit $?"
[[ "$rows" == *"| toy/never | stuck | 10 | no event | 0 | 0 | >= 0.3690 | 0.3690 |"* ]] || fail "none row: $rows"
# A claim no rule reads: named, exit 2.
sed 's/"none":true/"nearly":0.5/' "$out/never.jsonl" >"$out/unknown-claim.jsonl"
set +e
message=$("$table" --power "$out/unknown-claim.jsonl" 2>&1 >/dev/null); status=$?
set -e
[[ $status == 2 && "$message" == *"unknown claim \`nearly\`"* ]] || fail "unknown claim: exit $status, $message"
# --ks-power: a property's stated detectable effects, the median and the largest over its cases.
printf '{"schema":1,"property":"toy/ks","theorem":"toy","kind":"statistical","cases":3,"verdict":"pass","worst_ratio":null,"escalations":0,"seed":1,"counterexample":null,"power":[{"test":"t","deviation":"scale 1 + x","samples":100,"threshold":0.1,"power":0.99,"detectable_distance":0.25,"detectable":0.3},{"test":"t","deviation":"scale 1 + x","samples":200,"threshold":0.1,"power":0.99,"detectable_distance":0.2,"detectable":0.1},{"test":"t","deviation":"scale 1 + x","samples":100,"threshold":0.1,"power":0.99,"detectable_distance":0.25,"detectable":0.2}]}\n' >"$out/ks.jsonl"
rows=$("$table" --ks-power "$out/ks.jsonl") || fail "--ks-power: exit $?"
[[ "$rows" == *"| toy/ks | t | scale 1 + x | 100 .. 200 | 3 | 0.25 | 0.2 | 0.3 |"* ]] || fail "ks-power row: $rows"
# An option without files, or an unknown one: usage, exit 2.
for args in "--controls" "--budget" "--power" "--ks-power" "--bogus $out/odd.jsonl"; do
  set +e
  # shellcheck disable=SC2086  # the words are the arguments
  "$table" $args >/dev/null 2>&1; status=$?
  set -e
  [[ $status == 2 ]] || fail "calibration_table $args: exit $status, expected 2"
done
echo "calibration_table_test: ok"
