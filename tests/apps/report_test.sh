#!/usr/bin/env bash
# The report tool on a fixed results file: the expected files, each plot's
# data with the expected series and points, and a malformed or missing
# results file as a clear error (exit 2). Usage: report_test.sh REPORT_BINARY
set -euo pipefail
report=$1
data="$(dirname "$0")/data/results.jsonl"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
fail() { echo "report_test: $*" >&2; exit 1; }

"$report" "$data" "$out/r" >/dev/null || fail "report failed on $data"
for f in index.html report.md toy-escape.dat toy-escape.gp toy-escape.png monte-carlo-rates.dat monte-carlo-rates.png; do
  [[ -s "$out/r/$f" ]] || fail "missing or empty: $f"
done
# The figure's data: one block per series, named, with its points (null as NaN).
expected=$'# double\n1 10\n2 20\n\n\n# law\n1 11\n2 NaN'
[[ "$(head -n 8 "$out/r/toy-escape.dat")" == "$expected" ]] || fail "toy-escape.dat: $(cat "$out/r/toy-escape.dat")"
grep -q 'set logscale y' "$out/r/toy-escape.gp" || fail "log scale lost"
# Monte Carlo: one point per case, rate and two-sided 95% Clopper-Pearson bounds.
# Beside each case its claim (the entry's rule): a bar at the claimed rate,
# one series per direction, cases 1 +- 0.4 and 2 +- 0.4.
expected=$'# claim: rate at least (at_least) or above (more_than)\n1 0.5 0.6 1.4\n\n\n# claim: rate at most (at_most, shown_at_most)\n2 0.25 1.6 2.4'
[[ "$(sed -n '6,12p' "$out/r/monte-carlo-rates.dat")" == "$expected" ]] || fail "claims in monte-carlo-rates.dat: $(cat "$out/r/monte-carlo-rates.dat")"
[[ $(grep -c '^[0-9]' "$out/r/monte-carlo-rates.dat") == 4 ]] || fail "monte-carlo-rates.dat: $(cat "$out/r/monte-carlo-rates.dat")"
grep -q '^1 1\.0 0\.69150' "$out/r/monte-carlo-rates.dat" || fail "10 of 10: lower bound 0.025^(1/10) = 0.6915 expected"
grep -q '^2 0\.0 0\.0 0\.30849' "$out/r/monte-carlo-rates.dat" || fail "0 of 10: upper bound 1 - 0.025^(1/10) = 0.3085 expected"
# The table and the reproduce command.
grep -q 'descent-lemma/random-quadratics' "$out/r/index.html" || fail "verdict table missing"
grep -q 'RC_PARAMS=&quot;seed=42&quot; ./properties/toy_properties --gtest_filter=' "$out/r/index.html" || fail "no reproduce command"

# A series of an unknown style: exit 2, naming the figure, series and style.
sed 's/"style":"lines"/"style":"dashes"/' "$data" >"$out/style.jsonl"
set +e
message=$("$report" "$out/style.jsonl" "$out/style" 2>&1); status=$?
set -e
[[ $status == 2 ]] || fail "unknown style: exit $status, expected 2"
[[ "$message" == *'series "law" has style "dashes"'* ]] || fail "unknown style: message '$message'"

# Malformed: exit 2, naming the line.
{ head -n 1 "$data"; echo '{"schema":1,"property":'; } >"$out/bad.jsonl"
set +e
message=$("$report" "$out/bad.jsonl" "$out/bad" 2>&1); status=$?
set -e
[[ $status == 2 ]] || fail "malformed file: exit $status, expected 2"
[[ "$message" == *"bad.jsonl:2: not JSON"* ]] || fail "malformed file: message '$message' does not name line 2"
set +e
"$report" "$out/none.jsonl" "$out/none" 2>/dev/null; status=$?
set -e
[[ $status == 2 ]] || fail "missing file: exit $status, expected 2"
: >"$out/empty.jsonl"
set +e
"$report" "$out/empty.jsonl" "$out/empty" 2>/dev/null; status=$?
set -e
[[ $status == 2 ]] || fail "empty file: exit $status, expected 2"
echo "report_test: ok"
