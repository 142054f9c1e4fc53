// The eigenvalues of a Hessian (or of I - alpha Hessian) at a point, with a
// bound on their rounding error, for the theorems that judge curvature.
#pragma once

#include "lib/objectives/objective.hpp"
#include "lib/symmetric_eigenvalues.hpp"

namespace gdcheck {

// Roundings each Hessian entry carries, as the families' gradient bounds
// count them (d + 16 there, the d counted by the eigensolver's 4d here).
inline constexpr int kHessianEntryRoundings = 16;

// Eigenvalues of shift I + scale hess f(x), with their rounding bound: the
// Hessian's entries carry about as many roundings as the families' gradient
// bounds count (d + 16), on top of the eigensolver's own (lib/symmetric_eigenvalues.hpp).
template <Objective F>
Spectrum<typename F::Scalar> shifted_hessian_spectrum(const F& f, const Vector<typename F::Scalar>& x,
                                                     const typename F::Scalar& shift,
                                                     const typename F::Scalar& scale) {
  using S = typename F::Scalar;
  const int d = f.dimension();
  const Matrix<S> matrix = shift * Matrix<S>::Identity(d, d) + scale * f.hessian(x);
  return SymmetricEigenvalues<S>::of(matrix, kHessianEntryRoundings);
}

template <Objective F>
Spectrum<typename F::Scalar> hessian_spectrum(const F& f, const Vector<typename F::Scalar>& x) {
  using S = typename F::Scalar;
  return shifted_hessian_spectrum(f, x, S(0), S(1));
}

}  // namespace gdcheck
