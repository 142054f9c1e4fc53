// The gradient map g(x) = x - alpha grad f(x) (theory.md section 2), and the
// check that an optimizer's GD iterate is g(x) up to the rounding of one step.
// The theorems judge the exact map; this check ties a run's iterates to it, so
// a wrong sign or constant in the optimizer turns a property red.
#pragma once

#include <cstdlib>
#include <utility>
#include <vector>

#include "lib/objectives/objective.hpp"
#include "lib/optimizers/gradient_descent.hpp"
#include "lib/scalar/run_precision.hpp"
#include "theorems/compiled_checks.hpp"
#include "theorems/verdict.hpp"

namespace gdcheck {

// Bound on ||fl(x - step g) - g_alpha(x)|| for a step computed in S: per
// entry, fl(x_i - fl(step g_i)) is off by <= u (|x_i| + 2 step |g_i|) + eta
// (two roundings; the product may underflow, the difference is exact where
// it would: rounding_model.hpp), and g is off from grad f(x) by the
// objective's gradient bound (which carries its own underflow terms).
template <Objective F>
typename F::Scalar step_rounding_error(const F& f, const Vector<typename F::Scalar>& x,
                                       const Vector<typename F::Scalar>& g,
                                       const typename F::Scalar& step) {
  using S = typename F::Scalar;
  return rounding_bound<S>(1, bound_norm(x) + 2 * step * bound_norm(g), x.size()) +
         step * f.gradient_rounding_error(x);
}

// The same bound for a run that computes its step in `run` precision from
// f's double gradient g. In double it is the bound above. In float, with x
// and step float numbers (the checks hand such a run float starts and
// steps), per entry: g_i rounds to float (u |g_i| + eta), the product
// step g~_i and the difference x_i - p_i round (u each; eta for the
// product, none for the difference), so the entry is off by at most
//   u |x_i| + 3 u (1 + u) step |g_i| + (1 + u)^2 (1 + step) eta
// with float's u = 2^-24 and eta = 2^-150; gamma_3 (|x_i| + 3 step |g_i|)
// covers the relative part, (1 + step) underflow_unit() (= 2 eta) the
// absolute one. The bound is formed in double, whose own rounding (2^-53
// relative) the slack of gamma_3 over u + ... covers.
template <Objective F>
  requires std::same_as<typename F::Scalar, double>
double step_rounding_error(const F& f, const Vector<double>& x, const Vector<double>& g, double step,
                           Precision run) {
  if (run == Precision::float64) return step_rounding_error(f, x, g, step);
  const double entries = static_cast<double>(x.size());
  return static_cast<double>(rounding_gamma<float>(3)) * (bound_norm(x) + 3 * step * bound_norm(g)) +
         (1 + step) * static_cast<double>(underflow_bound<float>(1, entries)) + step * f.gradient_rounding_error(x);
}

// The gradient map, computed in f's scalar type; also returns its rounding bound.
template <Objective F>
Vector<typename F::Scalar> gradient_map(const F& f, const Vector<typename F::Scalar>& x,
                                        const typename F::Scalar& step,
                                        typename F::Scalar* rounding = nullptr) {
  Vector<typename F::Scalar> g;
  f.gradient(x, g);
  if (rounding) *rounding = step_rounding_error(f, x, g, step);
  return x - step * g;
}

// Judges the claim ||x_next - g_alpha(x)|| <= allowed in f's scalar type S,
// where x_next is a run's iterate and `allowed` the run precision's
// step_rounding_error. The reference g_alpha(x) is computed here with its own
// rounding bound e; an iterate bit-identical to it is the reference
// computation itself, whose error the derivation above bounds, so it holds.
template <Objective F>
Verdict check_gd_iterate(const F& f, const Vector<typename F::Scalar>& x,
                         const Vector<typename F::Scalar>& x_next, const typename F::Scalar& step,
                         const typename F::Scalar& allowed) {
  GDCHECK_REQUIRE_COMPILED(GradientDescentFamilies, F);
  using S = typename F::Scalar;
  S reference_error = 0;
  const Vector<S> reference = gradient_map(f, x, step, &reference_error);
  const Vector<S> difference = x_next - reference;
  if (difference.cwiseAbs().maxCoeff() == 0) return judge(S(0), allowed, S(0));
  const S distance = bound_norm(difference);
  // ||x_next - g(x)|| lies within distance +- (e + rounding of the norm).
  const S rounding = reference_error + rounding_bound<S>(x.size() + 2.0, distance);
  return judge(distance, allowed, rounding);
}

// The run contract: a run that spent its budget took exactly max_iterations
// steps, reports so, and showed its observer every iterate x_0..x_N. An exact
// count: holds as 0 <= 1, fails as |observed - expected| <= 0, no rounding.
template <class S>
Verdict check_iteration_count(const RunResult<S>& result, long observed_iterates, long max_iterations) {
  if (result.status != RunStatus::budget_spent) return judge(0.0, 1.0, 0.0);  // stopped early: nothing to count
  const long mismatch = std::labs(result.iterations - max_iterations) + std::labs(observed_iterates - (max_iterations + 1));
  return mismatch == 0 ? judge(0.0, 1.0, 0.0) : judge(static_cast<double>(mismatch), 0.0, 0.0);
}

// GD's stopping rule (lib/optimizers/gradient_descent.hpp): stop at the
// first iterate with ||grad f|| <= tolerance. So a converged run's last
// iterate is at or below it and every earlier one above it, and a run that
// spent its budget saw none at or below it. The norms are those of the run's
// own gradients (what its observer saw); each comparison allows
// gamma_{d+2} ||g||, so that an implementation computing the norm otherwise
// (||g||^2 against tolerance^2, say) is not called wrong on a tie.
inline Verdict check_stopping_rule(RunStatus status, const std::vector<double>& gradient_norms, double tolerance,
                                   int dimension) {
  const double gamma = rounding_gamma<double>(dimension + 2.0);
  // (the norm's squares may underflow too: rounding_model.hpp)
  const double underflow = underflow_bound<double>(dimension + 2.0);
  const bool converged = status == RunStatus::converged;
  for (std::size_t t = 0; t < gradient_norms.size(); ++t) {
    const double norm = gradient_norms[t];
    const bool last = t + 1 == gradient_norms.size();
    // The last iterate of a converged run is at or below the tolerance; every other is above it.
    const double rounding = gamma * norm + underflow;
    const Verdict v = converged && last ? judge(norm, tolerance, rounding) : judge(tolerance, norm, rounding);
    if (!v.passes()) return v;
  }
  return judge(0.0, 1.0, 0.0);
}

// Compiled once per family and scalar type (compiled_checks.hpp).
#define GDCHECK_GRADIENT_MAP_CHECKS(PREFIX, F)                                                                   \
  PREFIX template F::Scalar step_rounding_error<F>(const F&, const Vector<F::Scalar>&, const Vector<F::Scalar>&, \
                                                   const F::Scalar&);                                            \
  PREFIX template Vector<F::Scalar> gradient_map<F>(const F&, const Vector<F::Scalar>&, const F::Scalar&,        \
                                                    F::Scalar*);                                                 \
  PREFIX template Verdict check_gd_iterate<F>(const F&, const Vector<F::Scalar>&, const Vector<F::Scalar>&,      \
                                              const F::Scalar&, const F::Scalar&);
GDCHECK_DECLARE_COMPILED(GDCHECK_GRADIENT_DESCENT_FAMILIES, GDCHECK_GRADIENT_MAP_CHECKS)

}  // namespace gdcheck
