#!/usr/bin/env bash
# The outside project examples/check-your-optimizer against gdcheck installed
# as a CMake package: installs the build into a temporary prefix, builds the
# example with find_package(gdcheck), and requires its correct optimizer to
# pass and its drifting one to fail. Run after scripts/build.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
scripts/build-example.sh "$work"
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
