#!/usr/bin/env bash
# scripts/calibrate-examples.sh N [PROGRAM...]: what a user runs, calibrated
# like the suite (issue 22). Builds the shipped example against the installed
# package and runs its correct optimizers' checks (every check_my_* program:
# one per adapter kind; or the PROGRAMs named) N times with fresh random
# seeds, on every core, then prints per property failures / runs with the
# failing seeds (apps/calibration_table). A correct optimizer must fail
# nothing. The runs go to build/calibration-examples, or, for named
# programs, build/calibration-examples-PROGRAM[+PROGRAM...] (docs-tables.sh
# splices each into docs/reliability.md).
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:?usage: scripts/calibrate-examples.sh N [PROGRAM...]}"
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "calibrate-examples: N must be a positive whole number, not '$runs'" >&2; exit 2; }
shift
for program in "$@"; do
  [[ "$program" =~ ^check_my_[a-z_]+$ && -f "examples/check-your-optimizer/$program.cpp" ]] ||
    { echo "calibrate-examples: '$program' is not a correct example program (examples/check-your-optimizer/check_my_*.cpp)" >&2; exit 2; }
done
scripts/install-deps.sh
scripts/build.sh
build_dir="${GDCHECK_BUILD_DIR:-build}"
out="$build_dir/calibration-examples$( (($#)) && IFS=+ && echo "-$*")"
rm -rf "$out" && mkdir -p "$out"
scripts/build-example.sh "$out/example"
if (($#)); then
  programs="$(for program in "$@"; do echo -n "$out/example/build/$program "; done)"
else
  programs="$(ls "$out"/example/build/check_my_* | grep -v '\.' | tr '\n' ' ')"
fi
echo "$programs" >"$out/programs"
for ((i = 1; i <= runs; i++)); do
  echo "$i $(od -An -N8 -tu8 /dev/urandom | tr -d ' ')"
done >"$out/seeds"
# One run: every correct program at one seed, into one results file and one
# log; a failing run keeps its log.
run_one() {
  local i=$1 seed=$2 program status=0
  for program in $programs; do
    RC_PARAMS="seed=$seed" GDCHECK_RESULTS="$out/run-$i.jsonl" "$program" >>"$out/run-$i.log" 2>&1 || status=1
  done
  [[ $status -eq 0 ]] && rm -f "$out/run-$i.log"
  return 0
}
export -f run_one && export out programs
xargs -P "$(nproc)" -n 2 bash -c 'run_one "$0" "$1"' <"$out/seeds"
echo "calibrate-examples: $runs runs of each of $(for p in $programs; do basename "$p"; done | tr '\n' ' ')with fresh seeds (logs of failing runs in $out)"
status=0
"$build_dir/apps/calibration_table" "$out"/run-*.jsonl || status=$?
# A run that exited non-zero, with or without a results line (a crash writes none).
failed=0
while read -r i seed; do
  if [[ -f "$out/run-$i.log" ]]; then
    echo "calibrate-examples: run $i failed: RC_PARAMS=\"seed=$seed\" with one of: $programs"
    failed=$((failed + 1))
  fi
done <"$out/seeds"
echo "calibrate-examples: $failed of $runs runs failed"
[[ $failed -eq 0 ]] || status=1
exit "$status"
