// The eigenvalues of a Hessian (or of I - alpha Hessian) at a point, with a
// bound on their rounding error, for the theorems that judge curvature.
#pragma once

#include <Eigen/Eigenvalues>

#include "lib/objectives/objective.hpp"

namespace gdcheck {

template <Scalar S>
struct Spectrum {
  Vector<S> eigenvalues;  // ascending
  S rounding;             // bound on each eigenvalue's rounding error
};

// Eigenvalues of shift I + scale hess f(x). Rounding: the Hessian's entries
// carry about as many roundings as the families' gradient bounds count
// (d + 16), and the symmetric eigensolver is backward stable with error
// O(d u ||A||_F) (Golub & Van Loan, Matrix Computations, section 8.4);
// gamma_{4d+16} ||A||_F covers both.
template <Objective F>
Spectrum<typename F::Scalar> shifted_hessian_spectrum(const F& f, const Vector<typename F::Scalar>& x,
                                                     const typename F::Scalar& shift,
                                                     const typename F::Scalar& scale) {
  using S = typename F::Scalar;
  const int d = f.dimension();
  const Matrix<S> matrix = shift * Matrix<S>::Identity(d, d) + scale * f.hessian(x);
  Eigen::SelfAdjointEigenSolver<Matrix<S>> solver(matrix, Eigen::EigenvaluesOnly);
  return {solver.eigenvalues(), rounding_gamma<S>(4.0 * d + 16) * matrix.norm()};
}

template <Objective F>
Spectrum<typename F::Scalar> hessian_spectrum(const F& f, const Vector<typename F::Scalar>& x) {
  using S = typename F::Scalar;
  return shifted_hessian_spectrum(f, x, S(0), S(1));
}

}  // namespace gdcheck
