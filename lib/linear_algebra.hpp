// Dense vector and matrix types over any gdcheck scalar, and exact widening.
#pragma once

#include <limits>

#include <Eigen/Dense>

#include "lib/scalar/scalar_types.hpp"

namespace gdcheck {

template <class S>
using Vector = Eigen::Matrix<S, Eigen::Dynamic, 1>;
template <class S>
using Matrix = Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic>;

// Element-wise conversion; exact when To is at least as precise as From.
template <Scalar To, class Derived>
Eigen::Matrix<To, Derived::RowsAtCompileTime, Derived::ColsAtCompileTime> convert(
    const Eigen::MatrixBase<Derived>& m) {
  return m.unaryExpr([](const typename Derived::Scalar& v) { return scalar_cast<To>(v); });
}

// ||m|| (Frobenius; the 2-norm of a vector) without underflow or overflow:
// Eigen's norm() squares the entries, so it returns 0 for entries below
// sqrt(DBL_MIN) ~ 1.5e-154 and inf above ~1.3e154 in double. Scaled by the
// largest magnitude first, it is accurate to a few ulps at every scale (for
// decisions: a stopping rule, a divergence threshold; bounds use bound_norm).
template <class Derived>
typename Derived::Scalar scaled_norm(const Eigen::MatrixBase<Derived>& m) {
  using S = typename Derived::Scalar;
  if (m.size() == 0) return S(0);
  const S largest = m.cwiseAbs().maxCoeff();
  if (!(largest > 0) || !(largest < std::numeric_limits<S>::infinity())) return largest;  // 0, inf or NaN passed on
  return largest * (m / largest).norm();
}

// ||m|| (Frobenius; the 2-norm of a vector) for rounding bounds: Eigen's
// norm() squares the entries, so for entries below sqrt(DBL_MIN) ~ 1.5e-154 in
// double it returns 0 although nothing in the computation being bounded
// underflows, and a bound built on it would claim exactness. Scaled by the
// largest magnitude first; the result is enlarged by its own rounding
// (n + 3 operations), so it is never below the true norm: relatively by the
// gamma factor and, when the largest entry is subnormal (its two products
// round by up to eta_min each), absolutely by two underflow units. Unlike
// scaled_norm, an infinite entry gives NaN, not infinity: a bound of
// infinity would let any check pass, and an overflow is never judged
// (rounding_model.hpp).
template <class Derived>
typename Derived::Scalar bound_norm(const Eigen::MatrixBase<Derived>& m) {
  using S = typename Derived::Scalar;
  if (m.size() == 0) return S(0);
  const S largest = m.cwiseAbs().maxCoeff();
  if (!(largest > 0)) return largest;  // 0, or NaN passed on
  return largest * (m / largest).norm() * (1 + rounding_gamma<S>(m.size() + 3.0)) + underflow_bound<S>(2);
}

// rounding_bound() entry by entry: gamma_n |m_ij| + n underflow_unit() for
// a matrix (or vector) of magnitudes, each entry a chain of n roundings.
template <class Derived>
Eigen::Matrix<typename Derived::Scalar, Derived::RowsAtCompileTime, Derived::ColsAtCompileTime>
entrywise_rounding_bound(double roundings, const Eigen::MatrixBase<Derived>& magnitudes) {
  using S = typename Derived::Scalar;
  return (rounding_gamma<S>(roundings) * magnitudes.derived().array() + underflow_bound<S>(roundings)).matrix();
}

}  // namespace gdcheck
