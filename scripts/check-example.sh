#!/usr/bin/env bash
# The outside project examples/check-your-optimizer against gdcheck installed
# as a CMake package: installs the build into a temporary prefix, builds the
# example with find_package(gdcheck), and requires its correct optimizer to
# pass and its drifting one to fail. Run after scripts/build.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${GDCHECK_BUILD_DIR:-build}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake --install "$build_dir" --prefix "$work/prefix" >"$work/install.log" || { cat "$work/install.log"; exit 1; }
if ! { cmake -S examples/check-your-optimizer -B "$work/build" -G Ninja -DCMAKE_PREFIX_PATH="$work/prefix" &&
       cmake --build "$work/build"; } >"$work/build.log" 2>&1; then
  cat "$work/build.log"
  echo "check-example: the example did not build against the installed package" >&2
  exit 1
fi
if ! "$work/build/check_my_gradient_descent" >"$work/pass.log" 2>&1; then
  cat "$work/pass.log"
  echo "check-example: the correct optimizer failed gdcheck's checks" >&2
  exit 1
fi
if "$work/build/check_drifting_gradient_descent" >"$work/fail.log" 2>&1; then
  cat "$work/fail.log"
  echo "check-example: the drifting optimizer passed; its bug went unnoticed" >&2
  exit 1
fi
grep -q "your gradient descent broke the GD step" "$work/fail.log" || {
  cat "$work/fail.log"; echo "check-example: the failure does not name the broken claim" >&2; exit 1; }
echo "check-example: installed package builds the example; the correct optimizer passes, the drifting one fails:"
grep -m1 "broke the" "$work/fail.log" | cut -c1-160
