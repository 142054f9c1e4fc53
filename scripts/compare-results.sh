#!/usr/bin/env bash
# scripts/compare-results.sh BEFORE.jsonl AFTER.jsonl: are two runs' results
# lines (GDCHECK_RESULTS) the same, but for what is not a function of the seed?
# Each line is put in canonical form (keys sorted) without its timing
# (runs_per_second) and with source line numbers (file.cpp:123) blanked, the
# lines are sorted, and the two sets are diffed: cases, verdicts,
# counterexamples, escalation counts and every logged field must agree.
# Exit 0 when equal; otherwise the differing lines, and exit 1.
# Typical use (issue 23: a build change must not change a verdict):
#   (cd build && RC_PARAMS="seed=42" GDCHECK_RESULTS=/tmp/before.jsonl ctest -LE slow)
#   ... change, rebuild ...
#   (cd build && RC_PARAMS="seed=42" GDCHECK_RESULTS=/tmp/after.jsonl ctest -LE slow)
#   scripts/compare-results.sh /tmp/before.jsonl /tmp/after.jsonl
set -euo pipefail
[[ $# -eq 2 ]] || { echo "usage: scripts/compare-results.sh BEFORE.jsonl AFTER.jsonl" >&2; exit 2; }
for f in "$@"; do [[ -r "$f" ]] || { echo "compare-results: cannot read '$f'" >&2; exit 2; }; done
command -v jq >/dev/null || { echo "compare-results: needs jq (scripts/install-deps.sh installs it)" >&2; exit 2; }
for f in "$@"; do
  jq -e 'type == "object"' "$f" >/dev/null 2>&1 ||
    { echo "compare-results: '$f' is not a results file (a JSON object per line)" >&2; exit 2; }
done
canonical() {
  jq -cS 'del(.runs_per_second)' "$1" | sed -E 's/([A-Za-z_]+\.(cpp|hpp)):[0-9]+/\1:N/g' | LC_ALL=C sort
}
differences=$(mktemp)
trap 'rm -f "$differences"' EXIT
if diff <(canonical "$1") <(canonical "$2") >"$differences"; then
  echo "compare-results: the $(wc -l <"$1") results lines agree (timings and source lines aside)"
else
  echo "compare-results: the runs differ ('<' $1, '>' $2):"
  cat "$differences"
  exit 1
fi
