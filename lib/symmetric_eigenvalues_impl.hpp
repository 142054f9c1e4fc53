#pragma once

#include <Eigen/Eigenvalues>

#include "lib/symmetric_eigenvalues.hpp"
#include "lib/validate.hpp"

namespace gdcheck {

template <Scalar S>
Spectrum<S> SymmetricEigenvalues<S>::of(const Matrix<S>& matrix, int extra_roundings) {
  require_same_dimension("symmetric matrix columns", matrix.cols(), matrix.rows());
  Eigen::SelfAdjointEigenSolver<Matrix<S>> solver(matrix, Eigen::EigenvaluesOnly);
  return {solver.eigenvalues(), rounding_bound(matrix.rows(), extra_roundings, matrix.norm())};
}

}  // namespace gdcheck
