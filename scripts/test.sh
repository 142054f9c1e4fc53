#!/usr/bin/env bash
# The tests: installs what is missing, builds, runs the whole ctest suite
# (all but the `slow` label; `scripts/test.sh --deep` runs those too).
set -euo pipefail
cd "$(dirname "$0")/.."
exclude=(-LE slow)
if [[ "${1:-}" == "--deep" ]]; then exclude=(); export GDCHECK_DEEP=1; fi
scripts/install-deps.sh
scripts/build.sh
# Every compile unit within its budget (issue 23): a slow unit is a regression too.
scripts/check-build-budget.sh
cd "${GDCHECK_BUILD_DIR:-build}"
ctest --output-on-failure -j "$(nproc)" "${exclude[@]}"
cd - >/dev/null
scripts/check-example.sh
