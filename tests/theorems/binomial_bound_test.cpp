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

// What every statistical property rests on: the rule rejects a correct rate
// with probability at most its level, computed exactly (no Monte Carlo), at
// the rates and run counts the properties use and at the edges; and it is
// not vacuous (it rejects a rate far below the claim).
TEST(SuccessRateRule, FalseAlarmIsAtMostItsLevel) {
  for (const long n : {1L, 20L, 100L, 400L, 1000L}) {
    for (const double claimed : {0.001, 0.01, 0.125, 0.5, 0.9, 0.99, 0.999}) {
      for (const double level : {0.05, 1e-3, 1e-6}) {
        const double p = rejection_probability(n, claimed, [&](long k) {
          return success_rate_consistent_at(k, n, claimed, level);
        });
        EXPECT_LE(p, level * (1 + 1e-9) + 1e-13) << "n = " << n << ", claimed " << claimed << ", level " << level;
      }
    }
  }
  EXPECT_FALSE(success_rate_consistent_at(0, 1000, 0.5, 1e-6));
  EXPECT_GT(rejection_probability(1000, 0.35, [](long k) { return success_rate_consistent_at(k, 1000, 0.5, 1e-6); }),
            0.999);
}

TEST(ClopperPearson, BadInputIsNamed) {
  EXPECT_THROW(clopper_pearson_upper(1, 0, 0.95), std::invalid_argument);
  EXPECT_THROW(clopper_pearson_upper(-1, 10, 0.95), std::invalid_argument);
  EXPECT_THROW(clopper_pearson_upper(11, 10, 0.95), std::invalid_argument);
  EXPECT_THROW(clopper_pearson_upper(1, 10, 1.0), std::invalid_argument);
  EXPECT_THROW(clopper_pearson_lower(1, 10, std::nan("")), std::invalid_argument);
  EXPECT_THROW(rejection_probability(0, 0.5, [](long) { return true; }), std::invalid_argument);
  EXPECT_THROW(rejection_probability(10, std::nan(""), [](long) { return true; }), std::invalid_argument);
}

}  // namespace
}  // namespace gdcheck
