#!/usr/bin/env bash
# scripts/check-build-budget.sh [BUILD_DIR]: every compile unit of the last
# build within its budget (issue 23). Reads the compiler time of each unit
# from Ninja's log (BUILD_DIR/.ninja_log, default build/; the latest entry per
# unit) and the budgets from scripts/build-budgets.txt (first matching pattern
# wins); fails, naming each unit, when a unit took more than 1.5 times its
# budget. scripts/test.sh runs it after the build, so CI catches a feature
# that silently makes a unit slow.
# A red must be a real slowdown, not the other compile sharing the machine:
# across this session's clean builds one unchanged unit took 15.5 to 24.1 s
# (saddle_escape.cpp, 1.55 x) as its neighbours changed. So a unit between
# 1.5 and 3 times its budget is compiled again, alone, and judged on that
# time; one above 3 times is red at once (no contention seen here was that large).
# With --table, prints "seconds budget unit" per unit, slowest first, and
# judges nothing (scripts/build-profile.sh draws docs/build-profile.md from it).
set -euo pipefail
cd "$(dirname "$0")/.."
table=0
if [[ "${1:-}" == "--table" ]]; then table=1; shift; fi
build_dir="${1:-${GDCHECK_BUILD_DIR:-build}}"
log="$build_dir/.ninja_log"
budgets="${GDCHECK_BUILD_BUDGETS:-scripts/build-budgets.txt}"  # another file: the test of this check
[[ -r "$log" ]] || { echo "check-build-budget: no Ninja log at $log (build with scripts/build.sh first)" >&2; exit 2; }
# Only the units of the current build graph: the log also remembers units
# whose sources were since removed or merged.
current=$(mktemp)
trap 'rm -f "$current"' EXIT
ninja -C "$build_dir" -t targets all 2>/dev/null | sed 's/: .*//' >"$current"
suspects=$(mktemp)  # "unit seconds budget" of the units in the 1.5 x to 3 x band
trap 'rm -f "$current" "$suspects"' EXIT
status=0
awk -v budgets="$budgets" -v current="$current" -v table="$table" -v suspects="$suspects" '
  BEGIN {
    while ((getline line < budgets) > 0) {
      sub(/#.*/, "", line)
      if (split(line, f, " ") < 2) continue
      if (f[2] !~ /^[0-9.]+$/) { printf "check-build-budget: %s: budget \"%s\" is not a number\n", budgets, f[2] > "/dev/stderr"; exit 2 }
      pattern[++n] = f[1]; budget[n] = f[2]
    }
    if (n == 0) { printf "check-build-budget: no budgets in %s\n", budgets > "/dev/stderr"; exit 2 }
    while ((getline line < current) > 0) in_graph[line] = 1
  }
  NR > 1 && ($4 ~ /\.o$/ || $4 ~ /\.gch$/) && ($4 in in_graph) { seconds[$4] = ($2 - $1) / 1000 }
  END {
    if (n == 0) exit 2
    for (unit in seconds) {
      for (i = 1; i <= n; ++i) if (unit ~ pattern[i]) break
      if (table) { printf "%.1f %s %s\n", seconds[unit], (i > n ? "-" : budget[i]), unit | "sort -rn"; continue }
      if (i > n) { printf "check-build-budget: %s has no budget (add a pattern to %s)\n", unit, budgets; bad++; continue }
      checked++
      if (seconds[unit] > 3 * budget[i]) {
        printf "check-build-budget: %s took %.1f s, over 1.5 x its budget of %s s\n", unit, seconds[unit], budget[i]
        bad++
      } else if (seconds[unit] > 1.5 * budget[i]) {
        printf "%s %.1f %s\n", unit, seconds[unit], budget[i] > suspects
      }
      if (seconds[unit] > worst) { worst = seconds[unit]; worst_unit = unit }
    }
    if (table) exit 0
    if (bad) exit 1
    printf "check-build-budget: %d units checked (slowest: %s, %.1f s)\n", checked, worst_unit, worst
  }' "$log" || status=$?
[[ $table -eq 1 || $status -eq 2 ]] && exit "$status"
# The suspects, each compiled again alone (the command Ninja ran for it).
while read -r unit seconds budget; do
  command=$(ninja -C "$build_dir" -t commands "$unit" | tail -1)
  start=$(date +%s.%N)
  (cd "$build_dir" && eval "$command") >/dev/null 2>&1 || { echo "check-build-budget: $unit no longer compiles" >&2; status=1; continue; }
  alone=$(echo "$(date +%s.%N) - $start" | bc)
  if (( $(echo "$alone > 1.5 * $budget" | bc) )); then
    printf "check-build-budget: %s took %.1f s, and %.1f s alone, over 1.5 x its budget of %s s\n" "$unit" "$seconds" "$alone" "$budget"
    status=1
  else
    printf "check-build-budget: %s took %.1f s beside another compile, %.1f s alone: within 1.5 x its budget of %s s\n" \
      "$unit" "$seconds" "$alone" "$budget"
  fi
done <"$suspects"
[[ $status -eq 0 ]] && echo "check-build-budget: every unit within 1.5 x its budget"
exit "$status"
