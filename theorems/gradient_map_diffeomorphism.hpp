// For alpha < 1/L the gradient map g(x) = x - alpha grad f(x) is a
// diffeomorphism of R^d.
//
// Source: theory.md section 2; Lee, Simchowitz, Jordan, Recht 2016 (arXiv
// 1602.04915), Proposition 4.5; lecture slide "Random initialization".
//
// Three checkable consequences, each judged at a point (or pair):
//   spectrum:     every eigenvalue of Dg(x) = I - alpha hess f(x) lies in
//                 [1 - alpha L, 1 + alpha L] (inside (0, 2), so det Dg > 0);
//   injectivity:  ||g(x) - g(y)|| >= (1 - alpha L) ||x - y||;
//   inverse:      g^-1(z) is the fixed point of x = z + alpha grad f(x), a
//                 contraction with factor alpha L < 1, so the iteration below
//                 converges and g(g^-1(z)) = z to any tolerance above rounding.
// Dropping alpha < 1/L, g can fold and Dg can be singular (the negative
// controls in properties/gradient_map_diffeomorphism.cpp).
#pragma once

#include <cmath>
#include <string>
#include <string_view>

#include "lib/objectives/objective.hpp"
#include "theorems/gradient_map.hpp"
#include "theorems/hessian_spectrum.hpp"
#include "theorems/precision_ladder.hpp"
#include "theorems/verdict.hpp"

namespace gdcheck::gradient_map_diffeomorphism {

inline constexpr std::string_view name = "gradient-map-diffeomorphism";
inline constexpr std::string_view statement =
    "f in C^2 with L-Lipschitz gradient, 0 < alpha < 1/L: g(x) = x - alpha grad f(x) is a diffeomorphism";

// "" when f has a certified global L and 0 < step < 1/L; else what fails.
template <Objective F>
std::string hypotheses_violated(const F& f, const typename F::Scalar& step) {
  const auto lipschitz = f.gradient_lipschitz();
  if (!lipschitz) return "no global gradient Lipschitz constant";
  if (!(step > 0)) return "step <= 0";
  if (!(step * lipschitz->value < 1)) return "step >= 1/L";
  return "";
}

// The eigenvalues of Dg(x) = I - alpha hess f(x), ascending, with their
// rounding bound (theorems/hessian_spectrum.hpp).
template <Objective F>
Spectrum<typename F::Scalar> jacobian_spectrum(const F& f, const Vector<typename F::Scalar>& x,
                                               const typename F::Scalar& step) {
  using S = typename F::Scalar;
  return shifted_hessian_spectrum(f, x, S(1), S(-step));
}

// Judges 1 - alpha L <= lambda_min(Dg(x)) and lambda_max(Dg(x)) <= 1 + alpha L;
// returns the tighter of the two.
template <Objective F>
Verdict check_jacobian_spectrum(const F& f, const Vector<typename F::Scalar>& x,
                                const typename F::Scalar& step) {
  GDCHECK_REQUIRE_COMPILED(DiffeomorphismFamilies, F);
  using S = typename F::Scalar;
  const S lipschitz = f.gradient_lipschitz()->value;
  const auto spectrum = jacobian_spectrum(f, x, step);
  const int d = f.dimension();
  // 1 -+ alpha L: two roundings, relative to 1 + alpha L (not to the difference).
  const S rounding = spectrum.rounding + rounding_bound<S>(2, 1 + step * lipschitz);
  const Verdict lower = judge<S>(1 - step * lipschitz, spectrum.eigenvalues(0), rounding);
  const Verdict upper = judge<S>(spectrum.eigenvalues(d - 1), 1 + step * lipschitz, rounding);
  return tells_more(lower, upper) ? lower : upper;
}

// Judges (1 - alpha L) ||x - y|| <= ||g(x) - g(y)||. Rounding: the two maps'
// own bounds (step_rounding_error) plus the two norms' (gamma_{d+2} each).
template <Objective F>
Verdict check_injectivity(const F& f, const Vector<typename F::Scalar>& x, const Vector<typename F::Scalar>& y,
                          const typename F::Scalar& step) {
  GDCHECK_REQUIRE_COMPILED(DiffeomorphismFamilies, F);
  using S = typename F::Scalar;
  const S lipschitz = f.gradient_lipschitz()->value;
  S error_x = 0, error_y = 0;
  const Vector<S> image_x = gradient_map(f, x, step, &error_x);
  const Vector<S> image_y = gradient_map(f, y, step, &error_y);
  // bound_norm: Eigen's norm() squares the entries and underflows for close points.
  const S image_distance = bound_norm(image_x - image_y);
  const S guaranteed = (1 - step * lipschitz) * bound_norm(x - y);
  const S rounding = error_x + error_y + rounding_bound<S>(f.dimension() + 2.0, image_distance + guaranteed);
  return judge(guaranteed, image_distance, rounding);
}

template <Scalar S>
struct Preimage {
  Vector<S> x;          // the computed g^-1(z)
  long iterations = 0;  // fixed-point iterations taken
  bool converged = false;
};

// g^-1(z) by the fixed-point iteration x_{k+1} = z + alpha grad f(x_k) from
// x_0 = z. Its change x_k - x_{k+1} = g(x_k) - z is x_k's residual, so the
// iteration stops at the first x_k with ||g(x_k) - z|| <= tolerance; then
// ||x_k - g^-1(z)|| <= tolerance / (1 - alpha L), as g^-1 is Lipschitz with
// constant 1/(1 - alpha L). With q = alpha L < 1 the change shrinks by q per
// step, so it needs about log(tolerance / ||alpha grad f(z)||) / log q
// iterations; it stops unconverged after max_iterations.
template <Objective F>
Preimage<typename F::Scalar> inverse_gradient_map(const F& f, const Vector<typename F::Scalar>& z,
                                                  const typename F::Scalar& step,
                                                  const typename F::Scalar& tolerance, long max_iterations) {
  GDCHECK_REQUIRE_COMPILED(DiffeomorphismFamilies, F);
  using S = typename F::Scalar;
  Preimage<S> result{z, 0, false};
  Vector<S> gradient;
  while (result.iterations < max_iterations) {
    f.gradient(result.x, gradient);
    const Vector<S> next = z + step * gradient;
    if ((next - result.x).norm() <= tolerance) {
      result.converged = true;
      break;
    }
    result.x = next;
    ++result.iterations;
  }
  return result;
}

// Judges ||g(x) - z|| <= tolerance, where x is a computed preimage of z.
// The rounding of g(x) (step_rounding_error) is part of the residual budget:
// a tolerance below it cannot be met in S and is reported as borderline.
template <Objective F>
Verdict check_preimage(const F& f, const Vector<typename F::Scalar>& x, const Vector<typename F::Scalar>& z,
                       const typename F::Scalar& step, const typename F::Scalar& tolerance) {
  GDCHECK_REQUIRE_COMPILED(DiffeomorphismFamilies, F);
  using S = typename F::Scalar;
  S rounding = 0;
  const Vector<S> image = gradient_map(f, x, step, &rounding);
  const S residual = bound_norm(image - z);
  return judge(residual, tolerance, rounding + rounding_bound<S>(f.dimension() + 2.0, residual));
}

// The spectrum and injectivity checks decided on the precision ladder
// (decide_on_ladder from double up) on any family: compiled once, in
// theorems/gradient_map_diffeomorphism.cpp, so that a property calling them
// instantiates no ladder code of its own (about 1 s of compile per call site).
Verdict decide_jacobian_spectrum(ObjectiveLadder& ladder, const Vector<double>& x, double step);
Verdict decide_injectivity(ObjectiveLadder& ladder, const Vector<double>& x, const Vector<double>& y, double step);

}  // namespace gdcheck::gradient_map_diffeomorphism

namespace gdcheck {
// Compiled once per family and scalar type (compiled_checks.hpp).
#define GDCHECK_DIFFEOMORPHISM_CHECKS(PREFIX, F)                                                                    \
  PREFIX template Verdict gradient_map_diffeomorphism::check_jacobian_spectrum<F>(const F&, const Vector<F::Scalar>&, \
                                                                                   const F::Scalar&);             \
  PREFIX template Verdict gradient_map_diffeomorphism::check_injectivity<F>(                                      \
      const F&, const Vector<F::Scalar>&, const Vector<F::Scalar>&, const F::Scalar&);                            \
  PREFIX template gradient_map_diffeomorphism::Preimage<F::Scalar> gradient_map_diffeomorphism::inverse_gradient_map<F>( \
      const F&, const Vector<F::Scalar>&, const F::Scalar&, const F::Scalar&, long);                              \
  PREFIX template Verdict gradient_map_diffeomorphism::check_preimage<F>(                                         \
      const F&, const Vector<F::Scalar>&, const Vector<F::Scalar>&, const F::Scalar&, const F::Scalar&);
GDCHECK_DECLARE_COMPILED(GDCHECK_DIFFEOMORPHISM_FAMILIES, GDCHECK_DIFFEOMORPHISM_CHECKS)
}  // namespace gdcheck
