// Shared body of the per-type eigensolver tests (one compile unit per type).
#pragma once

#include <algorithm>
#include <vector>

#include <Eigen/Eigenvalues>
#include <gtest/gtest.h>

#include "lib/objectives/quadratic.hpp"

namespace gdcheck::testing {

// A = Q diag(lambda) Q^T with a known spectrum spanning six orders of
// magnitude, both signs and a double eigenvalue; SelfAdjointEigenSolver in S
// must recover every eigenvalue to the type's precision.
template <Scalar S>
void expect_eigensolver_recovers_spectrum() {
  const std::vector<double> spectrum = {-1000, -3, -1, -1e-10, 0, 1e-8, 0.5, 1, 2, 2, 7, 1000};
  const int d = static_cast<int>(spectrum.size());
  const Quadratic<S> quadratic(QuadraticSpec{spectrum, RotationSpec{d, d, 20261128}});

  Eigen::SelfAdjointEigenSolver<Matrix<S>> solver(quadratic.matrix());
  ASSERT_EQ(solver.info(), Eigen::Success);

  std::vector<double> sorted = spectrum;
  std::sort(sorted.begin(), sorted.end());
  const S norm = S(1000);
  // Tolerance: the tridiagonal QR algorithm is backward stable, so by Weyl's
  // inequality |computed - exact| <= ||E||_2 <= p(d) u ||A||_2 with p(d) = O(d^2)
  // (Golub & Van Loan, Matrix Computations, 8.3.6); A itself is rounded by the
  // same order (quadratic_impl.hpp). p(d) = 8 d^2 covers both.
  const S tolerance = rounding_gamma<S>(8.0 * d * d) * norm;
  S worst = S(0);
  for (int i = 0; i < d; ++i) {
    using std::abs;
    worst = std::max(worst, S(abs(solver.eigenvalues()(i) - S(sorted[i]))));
  }
  EXPECT_LE(worst, tolerance) << ScalarTraits<S>::name << ": worst eigenvalue error "
                              << static_cast<double>(worst);
  // The eigenvectors satisfy A V = V Lambda to the same precision.
  const Matrix<S> residual = quadratic.matrix() * solver.eigenvectors() -
                             solver.eigenvectors() * solver.eigenvalues().asDiagonal();
  EXPECT_LE(residual.norm(), tolerance * S(d));
  // The precision is the type's, not double's: a double-accurate answer would fail.
  if constexpr (!std::is_same_v<S, double>) {
    EXPECT_LT(tolerance, S(1e-20));
  }
}

}  // namespace gdcheck::testing
