#!/usr/bin/env bash
# Builds gdcheck with AddressSanitizer and UndefinedBehaviorSanitizer (no
# recovery: the first report fails the test) in its own build folder, and
# runs the `unit`, `theorem`, `negative-control` and `statistical` labels (the
# experiments and the slow sweeps are left out: they run the same code longer).
# Exits non-zero on any sanitizer report or failing test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
dir="${GDCHECK_SANITIZE_DIR:-build-sanitize}"
flags="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -g"
cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS="$flags" \
      -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" >"$dir.configure.log" 2>&1 ||
  { cat "$dir.configure.log"; exit 1; }
echo "gdcheck: building with -fsanitize=address,undefined in $dir (log: $dir/build.log)"
cmake --build "$dir" >"$dir/build.log" 2>&1 || { tail -50 "$dir/build.log"; exit 1; }
# detect_leaks: the suite's statics (RapidCheck's configuration) live to exit.
export ASAN_OPTIONS="detect_leaks=0:abort_on_error=1" UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
cd "$dir"
ctest -j "$(nproc)" -L "unit|theorem|negative-control|statistical" -LE slow --output-on-failure
