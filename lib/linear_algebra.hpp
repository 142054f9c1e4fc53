// Dense vector and matrix types over any gdcheck scalar, and exact widening.
#pragma once

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

// ||m|| (Frobenius; the 2-norm of a vector) for rounding bounds: Eigen's
// norm() squares the entries, so for entries below sqrt(DBL_MIN) ~ 1.5e-154 in
// double it returns 0 although nothing in the computation being bounded
// underflows, and a bound built on it would claim exactness. Scaled by the
// largest magnitude first; the result is enlarged by its own rounding
// (n + 3 operations), so it is never below the true norm.
template <class Derived>
typename Derived::Scalar bound_norm(const Eigen::MatrixBase<Derived>& m) {
  using S = typename Derived::Scalar;
  if (m.size() == 0) return S(0);
  const S largest = m.cwiseAbs().maxCoeff();
  if (!(largest > 0)) return largest;  // 0, or NaN passed on
  return largest * (m / largest).norm() * (1 + rounding_gamma<S>(m.size() + 3.0));
}

}  // namespace gdcheck
