#!/usr/bin/env bash
# Configures and builds gdcheck in ./build (or $GDCHECK_BUILD_DIR), with Ninja:
# unlike Make, it compiles a target's units while the libraries they link
# against are still being built, so both cores stay busy (issue 14).
# The build log goes to <build>/build.log; it is printed only if the build
# fails (GDCHECK_VERBOSE_BUILD=1 prints it always).
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${GDCHECK_BUILD_DIR:-build}"
# A tree configured by another generator cannot be reused: start it afresh.
if [[ -f "$build_dir/CMakeCache.txt" ]] && ! grep -q "^CMAKE_GENERATOR:INTERNAL=Ninja$" "$build_dir/CMakeCache.txt"; then
  echo "gdcheck: $build_dir was configured with another generator; reconfiguring it with Ninja"
  rm -rf "$build_dir"
fi
mkdir -p "$build_dir"
log="$build_dir/build.log"
echo "gdcheck: building in $build_dir (log: $log)"
if ! { cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release \
         -DGDCHECK_BUILD_BENCH="${GDCHECK_BUILD_BENCH:-OFF}" &&
       cmake --build "$build_dir" -j "$(nproc)"; } >"$log" 2>&1; then
  cat "$log"
  echo "gdcheck: the build failed (log above, also in $log)" >&2
  exit 1
fi
[[ "${GDCHECK_VERBOSE_BUILD:-0}" == "1" ]] && cat "$log"
exit 0
