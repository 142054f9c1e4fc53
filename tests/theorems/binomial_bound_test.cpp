#include "theorems/binomial_bound.hpp"

#include <cmath>
#include <stdexcept>

#include <gtest/gtest.h>

namespace gdcheck {
namespace {

// k = 0 has the closed form 1 - (1 - confidence)^(1/n) ("rule of three" for 95%).
TEST(ClopperPearson, ZeroEventsMatchesTheClosedForm) {
  for (long n : {1L, 10L, 1000L, 100000L}) {
    for (double confidence : {0.9, 0.95, 0.99}) {
      const double expected = -std::expm1(std::log1p(-confidence) / n);  // 1 - (1 - c)^(1/n) without cancellation
      EXPECT_NEAR(clopper_pearson_upper(0, n, confidence), expected, 1e-12 * expected) << n << " " << confidence;
    }
  }
  EXPECT_NEAR(clopper_pearson_upper(0, 1000, 0.99), 0.00459458, 1e-8);
}

// The defining tail equations, checked by summing the binomial pmf directly.
double binomial_cdf(long k, long n, double p) {
  double sum = 0;
  for (long i = 0; i <= k; ++i) {
    sum += std::exp(std::lgamma(n + 1.0) - std::lgamma(i + 1.0) - std::lgamma(n - i + 1.0) + i * std::log(p) +
                    (n - i) * std::log1p(-p));
  }
  return sum;
}

TEST(ClopperPearson, BoundsSolveTheirTailEquations) {
  for (long k : {1L, 5L, 40L}) {
    const long n = 200;
    const double upper = clopper_pearson_upper(k, n, 0.95);
    EXPECT_NEAR(binomial_cdf(k, n, upper), 0.05, 1e-9);
    const double lower = clopper_pearson_lower(k, n, 0.95);
    EXPECT_NEAR(1 - binomial_cdf(k - 1, n, lower), 0.05, 1e-9);
    EXPECT_LT(lower, static_cast<double>(k) / n);
    EXPECT_GT(upper, static_cast<double>(k) / n);
  }
  EXPECT_EQ(clopper_pearson_upper(7, 7, 0.95), 1.0);
  EXPECT_EQ(clopper_pearson_lower(0, 7, 0.95), 0.0);
}

TEST(ClopperPearson, BadInputIsNamed) {
  EXPECT_THROW(clopper_pearson_upper(1, 0, 0.95), std::invalid_argument);
  EXPECT_THROW(clopper_pearson_upper(-1, 10, 0.95), std::invalid_argument);
  EXPECT_THROW(clopper_pearson_upper(11, 10, 0.95), std::invalid_argument);
  EXPECT_THROW(clopper_pearson_upper(1, 10, 1.0), std::invalid_argument);
  EXPECT_THROW(clopper_pearson_lower(1, 10, std::nan("")), std::invalid_argument);
}

}  // namespace
}  // namespace gdcheck
