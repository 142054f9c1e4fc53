#!/usr/bin/env bash
# scripts/build-example.sh DIR: installs the gdcheck build tree into DIR/prefix
# and builds the outside project examples/check-your-optimizer against it
# with find_package(gdcheck), in DIR/build. Run after scripts/build.sh.
# Shared by check-example.sh (one run) and calibrate-examples.sh (many seeds).
set -euo pipefail
cd "$(dirname "$0")/.."
work="${1:?usage: scripts/build-example.sh DIR}"
build_dir="${GDCHECK_BUILD_DIR:-build}"
mkdir -p "$work"
work=$(cd "$work" && pwd)  # absolute: CMAKE_PREFIX_PATH is read from the example's build folder
cmake --install "$build_dir" --prefix "$work/prefix" >"$work/install.log" || { cat "$work/install.log"; exit 1; }
if ! { cmake -S examples/check-your-optimizer -B "$work/build" -G Ninja -DCMAKE_PREFIX_PATH="$work/prefix" &&
       cmake --build "$work/build"; } >"$work/build.log" 2>&1; then
  cat "$work/build.log"
  echo "build-example: the example did not build against the installed package" >&2
  exit 1
fi
