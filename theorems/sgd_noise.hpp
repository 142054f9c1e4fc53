// SGD's noise: unbiased, but not the isotropic noise of noisy GD.
//
// Source: theory.md section 6; lecture slides "SGD" and "SGD approx
// NoisyGD?"; Chaudhari & Soatto, "Stochastic gradient descent performs
// variational inference" (2018), who measure SGD's noise covariance to be
// of very low rank in deep nets.
//
// For f = (1/m) sum_i f_i and i uniform, grad f_i(x) = grad f(x) + xi(x) with
//   E xi = 0                                 (unbiased: check_unbiased),
//   Cov xi = C(x) = (1/m) sum_i (g_i - g)(g_i - g)^T,   g_i = grad f_i(x).
// Ge et al.'s escape theorem (theory.md section 4) assumes noise with variance
// bounded below in every direction; C(x) can be singular:
//  - rank C(x) <= m - 1, since the m vectors g_i - g sum to 0 (so with
//    m < d, C has a kernel of dimension >= d - m + 1: covariance_rank);
//  - if every component has the same derivative along v, then C v = 0: no
//    noise along v at all (check_in_kernel). On SaddleFiniteSum v = e_0 is
//    the saddle's escape direction, so SGD started on the saddle's stable
//    set {x_0 = 0} stays on it exactly, where noisy GD escapes.
#pragma once

#include <string_view>

#include "lib/objectives/finite_sums.hpp"
#include "lib/symmetric_eigenvalues.hpp"
#include "theorems/compiled_checks.hpp"
#include "theorems/verdict.hpp"

namespace gdcheck::sgd_noise {

inline constexpr std::string_view name = "sgd-noise";
inline constexpr std::string_view statement =
    "f = (1/m) sum f_i, i uniform: E grad f_i = grad f, but Cov grad f_i = (1/m) sum (g_i - g)(g_i - g)^T "
    "has rank <= m - 1 and vanishes along every direction on which all f_i agree";

// The component gradients at x, their mean and a bound on each one's rounding.
template <FiniteSum F>
struct ComponentGradients {
  using S = typename F::Scalar;
  std::vector<Vector<S>> gradients;  // g_i
  std::vector<S> errors;             // >= ||fl(g_i) - g_i||
  Vector<S> mean;                    // fl((1/m) sum_i g_i)
  // >= ||fl(mean) - (1/m) sum g_i||: the components' errors averaged, plus
  // the summation's gamma_m times the average magnitude (Higham 4.2), twice
  // for the products of errors dropped.
  S mean_error;

  ComponentGradients(const F& f, const Vector<S>& x) {
    const int m = f.components();
    mean = Vector<S>::Zero(f.dimension());
    S magnitude = 0, error = 0;
    Vector<S> g;
    for (int i = 0; i < m; ++i) {
      f.component_value_and_gradient(i, x, g);
      gradients.push_back(g);
      errors.push_back(f.component_gradient_rounding_error(i, x));
      mean += g;
      magnitude += bound_norm(g);
      error += errors.back();
    }
    mean /= S(m);
    mean_error = 2 * (error + rounding_bound<S>(m + 1.0, magnitude, f.dimension())) / S(m);
  }
};

// Unbiasedness at x: (1/m) sum_i g_i and grad f(x) are equal, so their
// computed values differ by at most the two computations' rounding (the
// mean's bound above and the family's bound on its full gradient). The claim
// judged is ||computed difference|| <= that bound; the norm's own rounding
// (gamma_{d+1}) is the verdict's slack. A wrong component (or a biased
// sampler's weights) exceeds it by far more than rounding.
template <FiniteSum F>
Verdict check_unbiased(const F& f, const Vector<typename F::Scalar>& x) {
  using S = typename F::Scalar;
  const ComponentGradients<F> components(f, x);
  Vector<S> full;
  f.gradient(x, full);
  const S distance = bound_norm(components.mean - full);
  return judge(distance, components.mean_error + f.gradient_rounding_error(x),
               rounding_bound<S>(f.dimension() + 1.0, distance));
}

// C(x) with a bound on ||fl(C) - C||_2: each term (g_i - g)(g_i - g)^T moves by
// at most 2 ||g_i - g|| (e_i + e) + (e_i + e)^2 when g_i and g move by e_i and
// e, and the sum of m rank-one terms rounds by gamma_{m+2} of its magnitude.
template <Scalar S>
struct Covariance {
  Matrix<S> matrix;
  S error;
};

template <FiniteSum F>
Covariance<typename F::Scalar> noise_covariance(const F& f, const Vector<typename F::Scalar>& x) {
  using S = typename F::Scalar;
  const ComponentGradients<F> components(f, x);
  const int m = f.components(), d = f.dimension();
  Covariance<S> c{Matrix<S>::Zero(d, d), S(0)};
  S magnitude = 0;
  for (int i = 0; i < m; ++i) {
    const Vector<S> centred = components.gradients[i] - components.mean;
    const S spread = bound_norm(centred);
    const S moved = components.errors[i] + components.mean_error;
    c.matrix += centred * centred.transpose();
    c.error += 2 * spread * moved + moved * moved;
    magnitude += spread * spread;
  }
  c.matrix /= S(m);
  c.error = 2 * (c.error + rounding_bound<S>(m + 2.0, magnitude, double(d) * d)) / S(m);
  return c;
}

// v is in the kernel of C (computed by noise_covariance): C v = 0, so the
// computed ||C v|| is at most the rounding of C and of the product,
// (||fl(C) - C||_2 + gamma_{d+1} ||C||_F) ||v||.
template <Scalar S>
Verdict check_in_kernel(const Covariance<S>& c, const Vector<S>& v) {
  const double roundings = c.matrix.rows() + 1.0;
  const S image = bound_norm(c.matrix * v);
  const S product_error = (c.error + rounding_gamma<S>(roundings) * bound_norm(c.matrix)) * bound_norm(v) +
                          underflow_bound<S>(roundings, c.matrix.rows());
  return judge(image, product_error, rounding_bound<S>(roundings, image));
}

// What the spectrum of C(x) shows about its rank: eigenvalues whose size is
// within their rounding bound count as zero. The bound adds, by Weyl's
// inequality, ||fl(C) - C||_2 to the eigensolver's own backward error.
template <Scalar S>
struct RankReading {
  int numerically_nonzero = 0;  // eigenvalues above their rounding bound
  S smallest_nonzero = 0;       // the smallest of those (0 if none)
  S largest_zero = 0;           // the largest eigenvalue counted as zero
  S rounding = 0;               // the bound used
};

template <Scalar S>
RankReading<S> covariance_rank(const Covariance<S>& c) {
  using std::abs;
  // The entries carry O(m) roundings, counted in c.error; 2 more for the division.
  const Spectrum<S> spectrum = SymmetricEigenvalues<S>::of(c.matrix, 2);
  RankReading<S> reading;
  reading.rounding = spectrum.rounding + c.error;
  for (const S& lambda : spectrum.eigenvalues) {
    if (abs(lambda) > reading.rounding) {
      if (reading.numerically_nonzero == 0 || lambda < reading.smallest_nonzero) reading.smallest_nonzero = lambda;
      ++reading.numerically_nonzero;
    } else if (abs(lambda) > reading.largest_zero) {
      reading.largest_zero = abs(lambda);
    }
  }
  return reading;
}

// check_unbiased at x decided on the precision ladder (decide_on_ladder),
// compiled once per finite-sum family in sgd_noise.cpp: a property's own
// ladder lambda compiled the conversions in four scalar types at each call.
Verdict decide_unbiased(InstanceLadder<LeastSquares, LeastSquaresSpec>& ladder, const Vector<double>& x);
Verdict decide_unbiased(InstanceLadder<SaddleFiniteSum, SaddleFiniteSumSpec>& ladder, const Vector<double>& x);

}  // namespace gdcheck::sgd_noise

namespace gdcheck {
// Compiled once per scalar type (compiled_checks.hpp).
#define GDCHECK_SGD_COVARIANCE_CHECKS(PREFIX, S) \
  PREFIX template Verdict sgd_noise::check_in_kernel<S>(const sgd_noise::Covariance<S>&, const Vector<S>&); \
  PREFIX template sgd_noise::RankReading<S> sgd_noise::covariance_rank<S>(const sgd_noise::Covariance<S>&);
GDCHECK_DECLARE_COMPILED(GDCHECK_EVERY_SCALAR, GDCHECK_SGD_COVARIANCE_CHECKS)
// And per finite-sum family and scalar type.
#define GDCHECK_SGD_NOISE_CHECKS(PREFIX, F)                                                                   \
  PREFIX template struct sgd_noise::ComponentGradients<F>;                                                    \
  PREFIX template Verdict sgd_noise::check_unbiased<F>(const F&, const Vector<F::Scalar>&);                   \
  PREFIX template sgd_noise::Covariance<F::Scalar> sgd_noise::noise_covariance<F>(const F&, const Vector<F::Scalar>&);
GDCHECK_DECLARE_COMPILED(GDCHECK_FINITE_SUM_FAMILIES, GDCHECK_SGD_NOISE_CHECKS)
}  // namespace gdcheck
