// The standard model of floating-point arithmetic with underflow, once, for
// every rounding bound of gdcheck.
//
//   fl(a op b) = (a op b)(1 + delta) + eta,   |delta| <= u,
//
// with |eta| <= eta_min for a product or a quotient and eta = 0 for a sum or
// difference of IEEE numbers (Higham, Accuracy and Stability of Numerical
// Algorithms, 2nd ed., eq. (2.8) and Theorem 2.2: with gradual underflow a
// sum that lands among the subnormals is exact). eta_min is
//   - half the smallest subnormal for the IEEE types: 2^-1075 in double,
//     2^-16495 in binary128 (Float128);
//   - the smallest normal number min() for Decimal50 and Decimal100: MPFR
//     has no subnormals and rounds a result below min() to 0 or to min(),
//     sums included (so there eta is not 0 for sums; the bounds below charge
//     every rounding, which covers both).
// A bound built from u alone claims exactness once the numbers are below
// ~1e-308 (u |x| rounds to 0): correct code turns red there (issue 22, GD
// iterates decaying into subnormals at alpha L near 2).
//
// How the absolute term accumulates. A chain of n roundings (a dot product
// of n terms by recursive summation, a polynomial by Horner, ...) gives
//   |fl(s) - s| <= gamma_n M + eta_min sum_k (1 + theta_k),  |theta_k| <= gamma_n,
// where M is the sum of the magnitudes of the terms, since each eta is
// carried by the later roundings at most. With gamma_n <= 1 the absolute part
// is at most 2 n eta_min = n underflow_unit(). A vector of m such entries has
// an error of 2-norm at most gamma_n ||M|| + sqrt(m) n underflow_unit(). A
// norm is never formed from squares of tiny entries (sum v_i^2 would carry
// an absolute error sqrt(m eta_min) ~ 1e-162 in double): bound_norm() scales
// by the largest entry first, so its squares are >= 1 in total.
//
// The spare eta_min in each underflow_unit() (2 eta_min per rounding where
// eta_min suffices) is what pays for the bound's own arithmetic among the
// subnormals (a gamma_n M that underflows to 0, a magnitude whose square
// flushes); the bounds' usual factor 2 pays for its relative rounding.
//
// Overflow is not a rounding question: a computation that overflows is
// out of range. judge() never passes a non-finite margin (it is `violated`
// in that precision, so the ladder re-decides it in the wider types, whose
// range holds it), and the bound-soundness properties count such cases as
// out of range instead of judging them.
#pragma once

#include <cmath>
#include <limits>

namespace gdcheck {

// Unit roundoff u = epsilon / 2: |fl(a op b) - (a op b)| <= u |a op b| while
// the result is normal.
template <class S>
S unit_roundoff() {
  return std::numeric_limits<S>::epsilon() / 2;
}

// Higham's gamma_n = n u / (1 - n u): the relative error bound of a chain of
// n roundings (Higham, Accuracy and Stability of Numerical Algorithms, 3.1).
template <class S>
S rounding_gamma(double n) {
  const S nu = S(n) * unit_roundoff<S>();
  return nu / (S(1) - nu);
}

// 2 eta_min, exactly representable in S: the smallest subnormal for the IEEE
// types (denorm_min), 2 min() for the types without subnormals.
template <class S>
S underflow_unit() {
  if constexpr (std::numeric_limits<S>::has_denorm == std::denorm_present) {
    return std::numeric_limits<S>::denorm_min();
  } else {
    return 2 * (std::numeric_limits<S>::min)();
  }
}

// The absolute part alone: the 2-norm of the underflow errors of `entries`
// chains of n roundings each, sqrt(entries) n underflow_unit(), rounded up to
// a whole multiple of underflow_unit() (which S represents exactly).
template <class S>
S underflow_bound(double roundings, double entries = 1) {
  return S(std::ceil(std::sqrt(entries) * roundings)) * underflow_unit<S>();
}

// Bound on the error of a chain of n roundings whose terms have total
// magnitude `magnitude` (a scalar), or on the 2-norm of the error of
// `entries` such chains whose magnitudes have 2-norm `magnitude`:
//   gamma_n magnitude + sqrt(entries) n underflow_unit().
template <class S>
S rounding_bound(double roundings, const S& magnitude, double entries = 1) {
  return rounding_gamma<S>(roundings) * magnitude + underflow_bound<S>(roundings, entries);
}

}  // namespace gdcheck
