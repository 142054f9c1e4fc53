// The descent lemma, quantitatively, and monotone descent for alpha < 2/L.
//
// Source: theory.md section 1; lecture slide "Local optimization: general
// case" (Guarantees: f(x_t) decreases for alpha in (0, 2/L)); Nesterov,
// Introductory Lectures on Convex Optimization (2004), Lemma 1.2.3.
//
// For f with L-Lipschitz gradient, any x and x+ = x - alpha grad f(x):
//     f(x+) <= f(x) - alpha (1 - L alpha / 2) ||grad f(x)||^2.
// For alpha in (0, 2/L) the factor is positive, so GD descends monotonically.
// The check below demands a decrease of max(alpha (1 - L alpha/2), 0) ||g||^2:
// the lemma where it promises descent, and plain monotonicity f(x+) <= f(x)
// where it does not. Dropping the hypothesis alpha < 2/L, the monotonicity is
// what breaks (the negative control finds it).
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lib/objectives/objective.hpp"
#include "lib/optimizers/gradient_descent.hpp"
#include "theorems/gd_run_check.hpp"
#include "theorems/gradient_map.hpp"
#include "theorems/library_optimizers.hpp"
#include "theorems/precision_ladder.hpp"
#include "theorems/verdict.hpp"

namespace gdcheck::descent_lemma {

inline constexpr std::string_view name = "descent-lemma";
inline constexpr std::string_view statement =
    "f in C^{1,1}_L, 0 < alpha < 2/L: f(x_{t+1}) <= f(x_t) - alpha (1 - L alpha/2) ||grad f(x_t)||^2";

// "" when f has a certified global L and 0 < step < 2/L; else what fails.
template <Objective F>
std::string hypotheses_violated(const F& f, const typename F::Scalar& step) {
  const auto lipschitz = f.gradient_lipschitz();
  if (!lipschitz) return "no global gradient Lipschitz constant";
  if (!(step > 0)) return "step <= 0";
  if (!(step * lipschitz->value < 2)) return "step >= 2/L";
  return "";
}

// alpha (1 - L alpha / 2): the guaranteed decrease per unit ||grad f||^2.
template <Scalar S>
S decrease_factor(const S& step, const S& gradient_lipschitz) {
  return step * (1 - gradient_lipschitz * step / 2);
}

// Judges the lemma at x for the exact step x+ = x - alpha grad f(x), in f's
// scalar type S (x+ is computed in S, with its rounding bound). The claim is
//   lhs = max(alpha (1 - L alpha/2), 0) ||grad f(x)||^2   (guaranteed decrease)
//   <= rhs = f(x) - f(x+)                                 (actual decrease)
template <Objective F>
Verdict check_step(const F& f, const Vector<typename F::Scalar>& x, const typename F::Scalar& step) {
  GDCHECK_REQUIRE_COMPILED(GradientDescentFamilies, F);
  using S = typename F::Scalar;
  using std::abs;
  using std::max;
  const S lipschitz = f.gradient_lipschitz()->value;
  Vector<S> g;
  const S value = f.value_and_gradient(x, g);
  const S step_error = step_rounding_error(f, x, g, step);
  const Vector<S> next = x - step * g;
  const S next_value = f.value(next);
  const S gradient_norm = bound_norm(g);
  const S factor = max(decrease_factor(step, lipschitz), S(0));
  const S demanded = factor * g.squaredNorm();
  const S achieved = value - next_value;

  // Rounding bound on achieved - demanded, first-order terms:
  //  - each value is off by the objective's value rounding bound;
  //  - x+ is off from the exact step by step_error e, which moves f by at
  //    most ||grad f(x+)|| e + L e^2 / 2, with ||grad f(x+)|| <= (1 + L alpha) ||grad f(x)||;
  //  - ||g||^2 is off by (2 ||g|| + e_g) e_g + gamma_{d+3} ||g||^2;
  //  - the two subtractions round by u each, the product factor ||g||^2 by
  //    u and an underflow (rounding_model.hpp; ||g||^2's own d products are
  //    in its rounding_bound).
  // The factor 2 covers the products of errors dropped (O(u^2) relative).
  const S gradient_error = f.gradient_rounding_error(x);
  const S gradient_bound = (1 + lipschitz * step) * (gradient_norm + gradient_error);
  const S rounding =
      2 * (f.value_rounding_error(x) + f.value_rounding_error(next) + gradient_bound * step_error +
           lipschitz * step_error * step_error / 2 +
           factor * ((2 * gradient_norm + gradient_error) * gradient_error +
                     rounding_bound<S>(f.dimension() + 3.0, g.squaredNorm())) +
           unit_roundoff<S>() * (abs(value) + abs(next_value) + abs(achieved) + demanded) + underflow_bound<S>(1));
  return judge(demanded, achieved, rounding);
}

// What checking a whole run found (theorems/gd_run_check.hpp).
using RunCheck = GdRunCheck;

// Runs GD in double from x0 for `steps` steps on the ladder's double instance
// (the library's by default; `optimizer` lets a test plug in another
// implementation) and judges, at every iterate x_t, the lemma for the exact
// step from x_t (check_step), besides what check_gd_run holds every run to
// (each x_{t+1} is that step up to double rounding, the iteration count, the
// stopping rule at `gradient_tolerance`; 0: never stops early).
template <class Optimizer>
RunCheck check_run(ObjectiveLadder& ladder, const Vector<double>& x0, double step, long steps,
                   Optimizer&& optimizer, double gradient_tolerance = 0) {
  GradientDescentOptions<double> options;
  options.step = step;
  options.max_iterations = steps;
  options.gradient_tolerance = gradient_tolerance;
  return check_gd_run(ladder, x0, options, std::forward<Optimizer>(optimizer),
                      StepClaim{"descent lemma", [](const auto& f, const auto& x, const auto&, const auto& alpha) {
                                  return check_step(f, x, alpha);
                                }});
}
// The same with the library's GD: compiled once, in theorems/descent_lemma.cpp.
RunCheck check_run(ObjectiveLadder& ladder, const Vector<double>& x0, double step, long steps,
                   LibraryGradientDescent optimizer = {}, double gradient_tolerance = 0);

// The ladder as a callable (decide_on_ladder from double up): the default
// in one_step_descends; a test plugs in a broken one.
struct LibraryLadder {
  template <class CheckAt>
  Verdict operator()(CheckAt&& check_at) const {
    return decide_on_ladder(std::forward<CheckAt>(check_at));
  }
};

// theory.md section 1, "the step bound 2/L is sharp", at the finest scale:
// one GD step along f = L x^2/2 from x0 descends, f(x1) <= f(x0), exactly
// when alpha L <= 2 (x1 = (1 - alpha L) x0). The claim lhs = f(x1) <= rhs =
// f(x0), decided on the precision ladder with the doubles L, x0, alpha as
// given. Rounding: x1 = fl(x0 - fl(alpha fl(L x0))) is off by
// e <= gamma_3 (1 + alpha L) |x0|; f0 is off by gamma_3 f0, f1 by
// gamma_3 f1 + L |x1| e + L e^2/2; their difference by one more u.
template <class Ladder = LibraryLadder>
Verdict one_step_descends(double lipschitz, double start, double step, Ladder decide = {}) {
  return decide([&](auto type) {
    using T = typename decltype(type)::type;
    using std::abs;
    const T lipschitz_t(lipschitz), x0(start), alpha(step);
    const T x1 = x0 - alpha * (lipschitz_t * x0);
    const T f0 = lipschitz_t * x0 * x0 / 2, f1 = lipschitz_t * x1 * x1 / 2;
    const T e = rounding_bound<T>(3, (1 + alpha * lipschitz_t) * abs(x0));
    const T rounding = rounding_bound<T>(4, f0 + f1) + lipschitz_t * abs(x1) * e + lipschitz_t * e * e;
    return judge(f1, f0, rounding);
  });
}

}  // namespace gdcheck::descent_lemma

namespace gdcheck {
// Compiled once per family and scalar type (compiled_checks.hpp).
#define GDCHECK_DESCENT_LEMMA_CHECKS(PREFIX, F) \
  PREFIX template Verdict descent_lemma::check_step<F>(const F&, const Vector<F::Scalar>&, const F::Scalar&);
GDCHECK_DECLARE_COMPILED(GDCHECK_GRADIENT_DESCENT_FAMILIES, GDCHECK_DESCENT_LEMMA_CHECKS)
}  // namespace gdcheck
