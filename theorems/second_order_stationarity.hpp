// eps-second-order stationary points (theory.md, notation): x with
// ||grad f(x)|| <= eps and lambda_min(hess f(x)) >= -sqrt(rho eps), the
// target of noisy GD (Ge et al. 2015) and perturbed GD (Jin et al. 2017).
#pragma once

#include <cmath>
#include <string_view>

#include "lib/objectives/objective.hpp"
#include "theorems/hessian_spectrum.hpp"
#include "theorems/compiled_checks.hpp"
#include "theorems/verdict.hpp"

namespace gdcheck::second_order_stationarity {

// Judges both conditions in f's scalar type; returns the one that tells
// more (a violation, else a borderline one, else the tighter). f needs a
// certified Hessian Lipschitz constant rho.
template <Objective F>
Verdict check(const F& f, const Vector<typename F::Scalar>& x, const typename F::Scalar& epsilon) {
  GDCHECK_REQUIRE_COMPILED(StrictSaddleFamilies, F);
  using S = typename F::Scalar;
  using std::sqrt;
  Vector<S> gradient;
  f.gradient(x, gradient);
  const S norm = bound_norm(gradient);
  const Verdict small_gradient =
      judge(norm, epsilon, f.gradient_rounding_error(x) + rounding_bound<S>(f.dimension() + 2.0, norm));
  const auto spectrum = hessian_spectrum(f, x);
  const S curvature_floor = -sqrt(f.hessian_lipschitz()->value * epsilon);
  const Verdict curvature = judge<S>(curvature_floor, spectrum.eigenvalues(0), spectrum.rounding);
  return tells_more(small_gradient, curvature) ? small_gradient : curvature;
}

}  // namespace gdcheck::second_order_stationarity

namespace gdcheck {
// Compiled once per family and scalar type (compiled_checks.hpp).
#define GDCHECK_SECOND_ORDER_CHECKS(PREFIX, F) \
  PREFIX template Verdict second_order_stationarity::check<F>(const F&, const Vector<F::Scalar>&, const F::Scalar&);
GDCHECK_DECLARE_COMPILED(GDCHECK_STRICT_SADDLE_FAMILIES, GDCHECK_SECOND_ORDER_CHECKS)
}  // namespace gdcheck
