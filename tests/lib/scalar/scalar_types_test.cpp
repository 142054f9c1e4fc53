// The premises of the rounding model (lib/scalar/rounding_model.hpp) for the
// multiprecision rungs of the ladder: Decimal50 and Decimal100 round every
// basic operation to nearest at their stated number of bits, and have no
// subnormals. The reference computes each result at 400 digits (1332 bits,
// where a sum, product or quotient of two 334-bit numbers rounds far below
// the target's half ulp) and rounds it once to the target type; MPFR's
// conversion is itself correctly rounded, so a correctly rounded operation
// gives the identical number.
#include "lib/scalar/scalar_types.hpp"

#include <cmath>
#include <limits>

#include <gtest/gtest.h>

#include "lib/random.hpp"

namespace gdcheck {
namespace {

using Reference = boost::multiprecision::number<boost::multiprecision::mpfr_float_backend<400>,
                                                boost::multiprecision::et_off>;

// A number of S with a full significand over 1e-30 .. 1e30, either sign.
template <class S>
S random_operand(Rng& rng) {
  const double magnitude = std::exp((2 * rng.uniform01() - 1) * 69);
  const S value = S(magnitude) / S(3 + 2 * rng.uniform01());
  return rng.uniform01() < 0.5 ? -value : value;
}

template <class S>
void expect_correctly_rounded(int bits) {
  EXPECT_EQ(std::numeric_limits<S>::digits, bits);
  EXPECT_EQ(std::numeric_limits<S>::has_denorm, std::denorm_absent);
  EXPECT_LT(std::numeric_limits<S>::min(), S(std::numeric_limits<double>::denorm_min()));
  Rng rng(20261207);
  for (int i = 0; i < 2000; ++i) {
    const S a = random_operand<S>(rng), b = random_operand<S>(rng);
    const Reference x(a), y(b);
    ASSERT_EQ(a + b, S(x + y)) << a << " + " << b;
    ASSERT_EQ(a - b, S(x - y)) << a << " - " << b;
    ASSERT_EQ(a * b, S(x * y)) << a << " * " << b;
    ASSERT_EQ(a / b, S(x / y)) << a << " / " << b;
    ASSERT_EQ(sqrt(abs(a)), S(sqrt(abs(x)))) << "sqrt " << a;
  }
}

TEST(DecimalTypes, Decimal50RoundsEveryBasicOperationToNearest) { expect_correctly_rounded<Decimal50>(168); }
TEST(DecimalTypes, Decimal100RoundsEveryBasicOperationToNearest) { expect_correctly_rounded<Decimal100>(334); }

}  // namespace
}  // namespace gdcheck
