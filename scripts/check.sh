#!/usr/bin/env bash
# The main job: installs what is missing, builds, checks every theorem
# (every property: theorem, negative control, statistical, experiment) and
# prints the verdict table; writes build/report/index.html (and report.md)
# with the figures of the experiments. Exits non-zero if any property fails.
# `scripts/check.sh --deep` also runs the slow, deeper sweeps.
set -euo pipefail
cd "$(dirname "$0")/.."
exclude=(-LE "slow|unit")
if [[ "${1:-}" == "--deep" ]]; then exclude=(-LE unit); export GDCHECK_DEEP=1; fi
scripts/install-deps.sh
scripts/build.sh
build_dir="${GDCHECK_BUILD_DIR:-build}"
export GDCHECK_RESULTS="$PWD/$build_dir/results.jsonl"
rm -f "$GDCHECK_RESULTS"
status=0
(cd "$build_dir" && ctest -j "$(nproc)" "${exclude[@]}" --output-on-failure >ctest-check.log 2>&1) || status=$?
[[ $status -ne 0 ]] && echo "gdcheck: ctest reported failures; details in $build_dir/ctest-check.log"
# The report (figures drawn from this run's results), then the table, last.
"$build_dir/apps/report" "$GDCHECK_RESULTS" "$build_dir/report" || status=1
"$build_dir/apps/verdict_table" "$GDCHECK_RESULTS" || status=1
exit $status
