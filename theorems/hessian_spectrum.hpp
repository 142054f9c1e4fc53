// The eigenvalues of a Hessian (or of I - alpha Hessian) at a point, with a
// bound on their rounding error, for the theorems that judge curvature.
#pragma once

#include "lib/objectives/objective.hpp"
#include "lib/symmetric_eigenvalues.hpp"
#include "theorems/compiled_checks.hpp"

namespace gdcheck {

// Roundings each Hessian entry carries, as the families' gradient bounds
// count them (d + 16 there, the d counted by the eigensolver's 4d here).
inline constexpr int kHessianEntryRoundings = 16;

// Eigenvalues of shift I + scale hess f(x), with their rounding bound: the
// Hessian's entries carry about as many roundings as the families' gradient
// bounds count (d + 16), on top of the eigensolver's own (lib/symmetric_eigenvalues.hpp).
// Those roundings, and the two of forming shift + scale H_ij, are relative to
// the terms, not to their sum: where shift and scale H cancel (I - alpha H
// with alpha lambda near 1) the sum is tiny and its errors are not, so the
// bound is taken on |shift| I + |scale| |H|. (Calibration found this: at
// alpha L = 1 - 1e-16 on a 1-D quadratic, 1 - alpha L and the eigenvalue
// 1 - alpha c, mathematically equal, differed by 2e-100 at 100 digits against
// a bound of 1e-115, a false counterexample.)
template <Objective F>
Spectrum<typename F::Scalar> shifted_hessian_spectrum(const F& f, const Vector<typename F::Scalar>& x,
                                                     const typename F::Scalar& shift,
                                                     const typename F::Scalar& scale) {
  using S = typename F::Scalar;
  using std::abs;
  using std::max;
  const int d = f.dimension();
  const Matrix<S> hessian = f.hessian(x);
  const Matrix<S> identity = Matrix<S>::Identity(d, d);
  const Matrix<S> matrix = shift * identity + scale * hessian;
  Spectrum<S> spectrum = SymmetricEigenvalues<S>::of(matrix, kHessianEntryRoundings);
  const Matrix<S> terms = abs(shift) * identity + abs(scale) * hessian.cwiseAbs();
  spectrum.rounding = max(spectrum.rounding,
                          SymmetricEigenvalues<S>::rounding_bound(d, kHessianEntryRoundings + 2, S(terms.norm())));
  return spectrum;
}

template <Objective F>
Spectrum<typename F::Scalar> hessian_spectrum(const F& f, const Vector<typename F::Scalar>& x) {
  using S = typename F::Scalar;
  return shifted_hessian_spectrum(f, x, S(0), S(1));
}

// Compiled once per family and scalar type (compiled_checks.hpp); other
// objectives (the neural nets') compile their own.
#define GDCHECK_HESSIAN_SPECTRUM_CHECKS(PREFIX, F)                                                        \
  PREFIX template Spectrum<F::Scalar> shifted_hessian_spectrum<F>(const F&, const Vector<F::Scalar>&,    \
                                                                  const F::Scalar&, const F::Scalar&); \
  PREFIX template Spectrum<F::Scalar> hessian_spectrum<F>(const F&, const Vector<F::Scalar>&);
GDCHECK_DECLARE_COMPILED(GDCHECK_CRITICAL_POINT_FAMILIES, GDCHECK_HESSIAN_SPECTRUM_CHECKS)

}  // namespace gdcheck
