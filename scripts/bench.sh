#!/usr/bin/env bash
# Builds bench/ and runs it with repetitions; prints medians (ns per GD step)
# and the ratios the foundation issue asks for. Extra arguments go to the
# benchmark program (e.g. --benchmark_filter=double).
set -euo pipefail
cd "$(dirname "$0")/.."
export GDCHECK_BUILD_BENCH=ON
scripts/install-deps.sh
scripts/build.sh
out="${GDCHECK_BUILD_DIR:-build}/bench-results.csv"
"${GDCHECK_BUILD_DIR:-build}/bench/gd_step_bench" --benchmark_repetitions=15 --benchmark_enable_random_interleaving=true \
  --benchmark_report_aggregates_only=true --benchmark_format=csv "$@" 2>/dev/null >"$out"
# Median ns per step for each benchmark (cpu_time is per 100-step run, in
# ns: bench/gd_step.hpp's kSteps), then the ratios.
awk -F, -v steps=100 '
  /_median",/ {
    name = $1; gsub(/"/, "", name); sub(/_median$/, "", name)
    ns[name] = $4 / steps
    order[++n] = name
  }
  END {
    printf "%-52s %14s\n", "benchmark (median of 15 interleaved repetitions)", "ns per step"
    for (k = 1; k <= n; k++) printf "%-52s %14.1f\n", order[k], ns[order[k]]
    print ""
    split("10 100 1000", dims, " ")
    split("gdcheck::Float128 gdcheck::Decimal50 gdcheck::Decimal100", types, " ")
    for (j = 1; j <= 3; j++) {
      d = dims[j]; base = ns["gdcheck::bench::library_step<double>/" d]
      hand = ns["gdcheck::bench::hand_loop_step/" d]
      if (base > 0 && hand > 0) printf "d=%-5s library / hand loop (double): %.2f\n", d, base / hand
      for (t = 1; t <= 3; t++) {
        v = ns["gdcheck::bench::library_step<" types[t] ">/" d]
        if (v > 0 && base > 0) printf "d=%-5s %s / double: %.0fx\n", d, types[t], v / base
      }
    }
  }' "$out"

echo
echo "value_and_gradient per family, double (median of 9 interleaved repetitions):"
"${GDCHECK_BUILD_DIR:-build}/bench/objectives_bench" --benchmark_repetitions=9 --benchmark_enable_random_interleaving=true \
  --benchmark_report_aggregates_only=true 2>/dev/null | grep _median

echo
echo "stochastic runs (SGD, noisy GD: 500 steps on a saddle finite sum; SGLD: 10^4 annealing steps; median of 7):"
"${GDCHECK_BUILD_DIR:-build}/bench/stochastic_runs_bench" --benchmark_repetitions=7 \
  --benchmark_report_aggregates_only=true 2>/dev/null | grep _median
