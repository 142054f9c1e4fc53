#!/usr/bin/env bash
# Configures and builds gdcheck in ./build (or $GDCHECK_BUILD_DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${GDCHECK_BUILD_DIR:-build}"
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Release \
      -DGDCHECK_BUILD_BENCH="${GDCHECK_BUILD_BENCH:-OFF}" >/dev/null
cmake --build "$build_dir" -j "$(nproc)"
