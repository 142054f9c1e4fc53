// The stable manifold of a critical point under the gradient map.
//
// Source: theory.md section 2; Lee et al. 2016 (arXiv 1602.04915), Theorem
// 4.1 with the centre-stable manifold theorem (Shub, Global Stability of
// Dynamical Systems, Thm III.7).
//
// At a critical point x*, Dg(x*) = I - alpha hess f(x*) has eigenvalues
// 1 - alpha lambda_i. The local (centre-)stable manifold has dimension
//   #{i : |1 - alpha lambda_i| <= 1},
// which for 0 < alpha < 1/L is #{i : lambda_i >= 0}; its codimension is the
// number of negative lambda_i. A strict saddle (some lambda_i < 0) therefore
// has a stable set of measure zero.
#pragma once

#include <cstdlib>
#include <string_view>

#include "lib/objectives/objective.hpp"
#include "theorems/gradient_map_diffeomorphism.hpp"
#include "theorems/compiled_checks.hpp"
#include "theorems/verdict.hpp"

namespace gdcheck::stable_manifold {

inline constexpr std::string_view name = "stable-manifold-dimension";
inline constexpr std::string_view statement =
    "critical x*, 0 < alpha < 1/L: dim W^s_loc(x*) = #{|1 - alpha lambda_i| <= 1} = #{lambda_i >= 0}";

struct DimensionCount {
  int stable = 0;          // eigenvalues of Dg(x*) computed with modulus <= 1
  int non_negative = 0;    // listed Hessian eigenvalues >= 0
  int negative = 0;        // listed Hessian eigenvalues < 0: the codimension
  Verdict verdict;         // the counts agree (holds), differ (violated), or a
                           // modulus or eigenvalue is within rounding of its threshold
};

// Computes Dg(x*) from f's Hessian at the point (not from the listed
// eigenvalues) and counts; the listed eigenvalues are the family's claim.
// An eigenvalue of Dg within rounding of modulus 1, or a listed lambda within
// rounding of 0, makes the count undecidable in S: borderline.
template <Objective F>
DimensionCount count_stable_dimension(const F& f, const CriticalPoint<typename F::Scalar>& point,
                                      const typename F::Scalar& step) {
  GDCHECK_REQUIRE_COMPILED(StrictSaddleFamilies, F);
  using S = typename F::Scalar;
  using std::abs;
  const auto spectrum = gradient_map_diffeomorphism::jacobian_spectrum(f, point.x, step);
  DimensionCount count;
  bool undecided = false;
  for (const S& mu : spectrum.eigenvalues) {
    if (abs(abs(mu) - 1) <= spectrum.rounding) undecided = true;
    if (abs(mu) <= 1) ++count.stable;
  }
  // The listed eigenvalues get hessian_spectrum's slack (the norm of a
  // diagonal matrix with them is their vector's norm).
  const S listed_rounding = SymmetricEigenvalues<S>::rounding_bound(f.dimension(), kHessianEntryRoundings,
                                                                    point.hessian_eigenvalues.norm());
  for (const S& lambda : point.hessian_eigenvalues) {
    if (abs(lambda) <= listed_rounding) undecided = true;
    (lambda >= 0 ? count.non_negative : count.negative) += 1;
  }
  const int mismatch = std::abs(count.stable - count.non_negative);
  count.verdict = undecided      ? judge<S>(S(0), S(0), S(1))
                  : mismatch == 0 ? judge<S>(S(0), S(1), S(0))
                                  : judge<S>(S(mismatch), S(0), S(0));
  return count;
}

}  // namespace gdcheck::stable_manifold

namespace gdcheck {
// Compiled once per family and scalar type (compiled_checks.hpp).
#define GDCHECK_STABLE_MANIFOLD_CHECKS(PREFIX, F) \
  PREFIX template stable_manifold::DimensionCount stable_manifold::count_stable_dimension<F>( \
      const F&, const CriticalPoint<F::Scalar>&, const F::Scalar&);
GDCHECK_DECLARE_COMPILED(GDCHECK_STRICT_SADDLE_FAMILIES, GDCHECK_STABLE_MANIFOLD_CHECKS)
}  // namespace gdcheck
