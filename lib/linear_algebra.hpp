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

}  // namespace gdcheck
