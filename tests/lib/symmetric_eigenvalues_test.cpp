// lib/symmetric_eigenvalues.hpp in every scalar type: the eigenvalues of a
// matrix with a known spectrum are recovered within the bound the library
// states for them, and that bound is the type's precision, not double's.
// The solver is compiled once per type in lib; this unit only calls it.
#include <algorithm>
#include <stdexcept>
#include <vector>

#include <gtest/gtest.h>

#include "lib/objectives/quadratic.hpp"
#include "lib/symmetric_eigenvalues.hpp"

namespace gdcheck {
namespace {

template <class S>
class SymmetricEigenvaluesTest : public ::testing::Test {};
using ScalarTypes = ::testing::Types<double, Float128, Decimal50, Decimal100>;
TYPED_TEST_SUITE(SymmetricEigenvaluesTest, ScalarTypes);

// A = Q diag(lambda) Q^T with a spectrum spanning six orders of magnitude,
// both signs and a double eigenvalue.
TYPED_TEST(SymmetricEigenvaluesTest, RecoversAKnownSpectrumWithinItsStatedBound) {
  using S = TypeParam;
  const std::vector<double> spectrum = {-1000, -3, -1, -1e-10, 0, 1e-8, 0.5, 1, 2, 2, 7, 1000};
  const int d = static_cast<int>(spectrum.size());
  const Quadratic<S> quadratic(QuadraticSpec{spectrum, RotationSpec{d, d, 20261128}});
  // The matrix entries carry the rotation's and the product's roundings
  // (quadratic_impl.hpp): O(d) of them, here counted as 2 d.
  const Spectrum<S> computed = SymmetricEigenvalues<S>::of(quadratic.matrix(), 2 * d);

  std::vector<double> sorted = spectrum;
  std::sort(sorted.begin(), sorted.end());
  S worst = S(0);
  for (int i = 0; i < d; ++i) {
    using std::abs;
    worst = std::max(worst, S(abs(computed.eigenvalues(i) - S(sorted[i]))));
  }
  EXPECT_LE(worst, computed.rounding) << ScalarTraits<S>::name << ": worst eigenvalue error "
                                      << static_cast<double>(worst) << " above the stated bound "
                                      << static_cast<double>(computed.rounding);
  // The precision is the type's: a double-accurate answer would fail this.
  if constexpr (!std::is_same_v<S, double>) {
    EXPECT_LT(computed.rounding, S(1e-20));
  }
}

TYPED_TEST(SymmetricEigenvaluesTest, RejectsANonSquareMatrix) {
  using S = TypeParam;
  EXPECT_THROW(SymmetricEigenvalues<S>::of(Matrix<S>::Zero(2, 3), 0), std::invalid_argument);
}

}  // namespace
}  // namespace gdcheck
