#!/usr/bin/env bash
# The outside project examples/check-your-optimizer against gdcheck installed
# as a CMake package: installs the build into a temporary prefix, builds the
# example with find_package(gdcheck), and for every adapter kind requires its
# correct optimizer to pass and its planted bug to fail with a message naming
# the claim it breaks. Run after scripts/build.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
scripts/build-example.sh "$work"
# correct program | program with a planted bug | what its failure must say
pairs=(
  "check_my_gradient_descent|check_drifting_gradient_descent|your gradient descent broke the GD step"
  "check_my_float_gradient_descent|check_undeclared_float_gradient_descent|so your run computes in float"
  "check_my_float_gradient_descent|check_drifting_float_gradient_descent|your gradient descent broke the GD step"
  "check_my_noisy_gradient_descent|check_ball_noise_gradient_descent|noisy GD's noise at sample [0-9]* has the wrong norm"
  "check_my_perturbed_gradient_descent|check_last_iterate_pgd|your PGD returned a point [^ ]* away from x~"
  "check_my_stochastic_gradient_descent|check_divide_by_m_sgd|step [0-9]* is no batch mean of b component gradients"
  "check_my_langevin|check_no_square_root_ula|ULA's Gaussian increments are not N(0, I)"
  "check_my_langevin|check_wrong_variance_mala|MALA's end points at alpha = [^ ]* are not pi^eps"
  "check_my_stochastic_gradient_langevin|check_variance_as_scale_sgld|SGLD's Gaussian increments are not N(0, I)"
)
# Every program runs once, as many at a time as there are cores (each is one
# single-threaded process; run one after another they took 11 s of the CI's
# wall time). The broken ones run without shrinking: what is checked is that
# the bug is caught and named; shrinking a failure (up to minutes for a drift
# caught late in a run) is what a user waits for once, not every CI run.
runs=()  # "<program>|<its RC_PARAMS>": the user's own for the correct ones
for pair in "${pairs[@]}"; do
  IFS='|' read -r correct broken _ <<<"$pair"
  runs+=("$correct|${RC_PARAMS:-}" "$broken|noshrink=1")
done
printf '%s\0' "${runs[@]}" | sort -zu | xargs -0 -n1 -P "$(nproc)" bash -c '
  IFS="|" read -r program params <<<"$2"
  RC_PARAMS="$params" "$1/build/$program" >"$1/$program.log" 2>&1; echo $? >"$1/$program.rc"' _ "$work"
for pair in "${pairs[@]}"; do
  IFS='|' read -r correct broken message <<<"$pair"
  if [[ $(cat "$work/$correct.rc") != 0 ]]; then
    cat "$work/$correct.log"
    echo "check-example: the correct optimizer failed gdcheck's checks ($correct)" >&2
    exit 1
  fi
  if [[ $(cat "$work/$broken.rc") == 0 ]]; then
    cat "$work/$broken.log"
    echo "check-example: $broken passed; its planted bug went unnoticed" >&2
    exit 1
  fi
  grep -q "$message" "$work/$broken.log" || {
    cat "$work/$broken.log"; echo "check-example: $broken's failure does not say '$message'" >&2; exit 1; }
  echo "check-example: $correct passes; $broken fails:"
  grep -m1 "$message" "$work/$broken.log" | cut -c1-160
done
