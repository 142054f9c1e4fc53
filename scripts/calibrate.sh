#!/usr/bin/env bash
# scripts/calibrate.sh N [REGEX]: runs the default suite (every label but
# `slow` and `unit`) N times with fresh random seeds and prints, per property,
# failures / runs and the seeds of the failures (RC_PARAMS="seed=<seed>"
# replays one). Measures the suite's false-alarm rate: a correct library
# should fail nothing. REGEX (ctest -R) calibrates only the tests it names,
# e.g. properties changed since the last whole-suite calibration.
# scripts/calibrate.sh --examples N [PROGRAM...]: the same for what a user
# runs, the shipped example's correct optimizers against the installed
# package (scripts/calibrate-examples.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${1:-}" == "--examples" ]]; then
  shift
  exec scripts/calibrate-examples.sh "$@"
fi
runs="${1:?usage: scripts/calibrate.sh N [REGEX]}"
filter=(); [[ $# -ge 2 ]] && filter=(-R "$2")
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "calibrate: N must be a positive whole number, not '$runs'" >&2; exit 2; }
scripts/install-deps.sh
scripts/build.sh
build_dir="${GDCHECK_BUILD_DIR:-build}"
out="$build_dir/calibration"
rm -rf "$out" && mkdir -p "$out"
for ((i = 1; i <= runs; i++)); do
  seed=$(od -An -N8 -tu8 /dev/urandom | tr -d ' ')
  (cd "$build_dir" && RC_PARAMS="seed=$seed" GDCHECK_RESULTS="$PWD/calibration/run-$i.jsonl" \
     ctest -j "$(nproc)" -LE "slow|unit" "${filter[@]}" >"calibration/run-$i.log" 2>&1) || true
  echo "calibrate: run $i of $runs (seed $seed) done"
done
status=0
"$build_dir/apps/calibration_table" "$out"/run-*.jsonl || status=$?
# A negative control that searches random instances can miss on a correct
# library: how many cases each search needed, against its budget.
"$build_dir/apps/calibration_table" --controls "$out"/run-*.jsonl || status=$?
# Tests that write no results line (unit tests, the gallery's variants) fail
# only in ctest's logs: a flaky one must show here too.
failed=$(grep -h -E '\*\*\*(Failed|Timeout|Exception|Not Run)' "$out"/run-*.log |
         sed -E 's/^ *[0-9]+\/[0-9]+ Test +#[0-9]+: ([^ ]+) .*/\1/' | sort | uniq -c || true)
if [[ -n "$failed" ]]; then
  echo "calibrate: ctest entries that failed (runs failed, of $runs; logs in $out):"
  echo "$failed"
  status=1
else
  echo "calibrate: no ctest entry failed in $runs runs"
fi
exit "$status"
