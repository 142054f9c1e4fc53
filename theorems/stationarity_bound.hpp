// The eps-stationarity iteration bound of GD.
//
// Source: theory.md section 1; lecture slide "Local optimization: general
// case" (T_eps = eps^-2 L / omega(alpha) (f(x_0) - f*), omega = L alpha (1 - L alpha/2)).
// Summing the descent lemma over t < T gives, for f in C^{1,1}_L and
// 0 < alpha < 2/L,
//     min_{t<T} ||grad f(x_t)||^2 <= (f(x_0) - f*) / (T alpha (1 - L alpha/2)),
// so T_eps = (f(x_0) - f*) / (alpha (1 - L alpha/2) eps^2) steps reach an
// eps-stationary point. A certified lower bound may stand for f* (the bound
// only grows).
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "lib/objectives/objective.hpp"
#include "lib/optimizers/gradient_descent.hpp"
#include "theorems/descent_lemma.hpp"
#include "theorems/gradient_map.hpp"
#include "theorems/precision_ladder.hpp"
#include "theorems/verdict.hpp"

namespace gdcheck::stationarity_bound {

inline constexpr std::string_view name = "stationarity-bound";
inline constexpr std::string_view statement =
    "f in C^{1,1}_L, f >= f*, 0 < alpha < 2/L: min_{t<T} ||grad f(x_t)||^2 <= (f(x_0) - f*) / (T alpha (1 - L alpha/2))";

// "" when f has a global L and a lower bound and 0 < step < 2/L; else what fails.
// The descent lemma's hypotheses, and a lower bound.
template <Objective F>
std::string hypotheses_violated(const F& f, const typename F::Scalar& step) {
  if (!f.lower_bound()) return "no lower bound";
  return descent_lemma::hypotheses_violated(f, step);
}

// How the bound is stated: with the family's own L, or with another
// (a wrong L, for the negative control), and with alpha (1 - L alpha/2) or
// its absolute value (the formula carried past alpha = 2/L, for the other).
struct Claim {
  std::optional<double> lipschitz;  // the L the claim uses; the family's when empty
  bool absolute_factor = false;
};

// Runs GD in f's scalar type S for `steps` steps from x0 and judges the bound
// at every T = 1..steps; returns the verdict that tells most (tells_more:
// a violation, else a borderline one, else the largest ratio). The run's iterates are computed, not exact, so the
// bound is judged with the slack the derivation allows them: the sum over
// t < T of ||grad f(x+)|| e_t + L e_t^2 / 2 (e_t the step's rounding bound,
// ||grad f(x+)|| <= (1 + L alpha) ||grad f(x_t)||), divided by T c; the error
// of the computed ||g_t||^2 enters through the largest one over t < T.
template <Objective F>
Verdict check_run_in(const F& f, const Vector<typename F::Scalar>& x0, const typename F::Scalar& step,
                     long steps, const Claim& claim) {
  GDCHECK_REQUIRE_COMPILED(GradientDescentFamilies, F);
  using S = typename F::Scalar;
  using std::abs;
  using std::max;
  const S true_lipschitz = f.gradient_lipschitz()->value;
  const S claimed_lipschitz = claim.lipschitz ? S(*claim.lipschitz) : true_lipschitz;
  S factor = descent_lemma::decrease_factor(step, claimed_lipschitz);
  if (claim.absolute_factor) factor = abs(factor);
  const S lowest = f.lower_bound()->value;

  GradientDescentOptions<S> options;
  options.step = step;
  options.max_iterations = steps;
  S initial_value = 0, initial_error = 0, slack = 0, smallest = std::numeric_limits<S>::infinity();
  S smallest_error = 0;
  Verdict worst = judge(S(0), S(1), S(0));  // "holds", no ratio: any T's verdict tells more
  // alpha (1 - L alpha/2) = 0 (alpha = 2/L with the factor's absolute value):
  // the stated bound is infinite, a vacuous claim that no run can break.
  if (factor == 0) return worst;
  gradient_descent(f, x0, options, [&](const Iterate<S>& it) {
    if (it.t == steps) return;  // the last iterate's gradient is not in the min over t < T
    const S gradient_error = f.gradient_rounding_error(it.x);
    const S norm = bound_norm(it.gradient);
    if (it.t == 0) {
      initial_value = it.value;
      initial_error = f.value_rounding_error(it.x) + rounding_bound<S>(1, abs(it.value) + abs(lowest));
    }
    const S squared = it.gradient.squaredNorm();
    if (squared < smallest) smallest = squared;
    smallest_error = max(smallest_error, (2 * norm + gradient_error) * gradient_error +
                                             rounding_bound<S>(it.x.size() + 1.0, squared));
    const S step_error = step_rounding_error(f, it.x, it.gradient, step);
    slack += (1 + true_lipschitz * step) * (norm + gradient_error) * step_error +
             true_lipschitz * step_error * step_error / 2;
    const S horizon = S(it.t + 1);
    const S bound = (initial_value - lowest) / (horizon * factor);
    // Factor 2: the first-order terms above drop products of errors, O(u^2).
    const S rounding = 2 * ((initial_error + slack) / (horizon * factor) + smallest_error);
    const Verdict verdict = judge(smallest, bound, rounding);
    if (tells_more(verdict, worst)) worst = verdict;
  });
  return worst;
}

// Decides check_run_in on the precision ladder: a run that double cannot
// decide is re-run, whole, in wider arithmetic on the same instance.
// Compiled once, in theorems/stationarity_bound.cpp.
Verdict check_run(ObjectiveLadder& ladder, const Vector<double>& x0, double step, long steps,
                  const Claim& claim = {});

}  // namespace gdcheck::stationarity_bound

namespace gdcheck {
// Compiled once per family and scalar type (compiled_checks.hpp).
#define GDCHECK_STATIONARITY_BOUND_CHECKS(PREFIX, F)                                                          \
  PREFIX template Verdict stationarity_bound::check_run_in<F>(const F&, const Vector<F::Scalar>&, const F::Scalar&, \
                                                             long, const stationarity_bound::Claim&);
GDCHECK_DECLARE_COMPILED(GDCHECK_GRADIENT_DESCENT_FAMILIES, GDCHECK_STATIONARITY_BOUND_CHECKS)
}  // namespace gdcheck
