#include "theorems/binomial_bound.hpp"

#include <cmath>
#include <stdexcept>
#include <string>
#include <tuple>

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

// The power side of each rule the properties state (rate_rule), against
// closed forms where there is one and against its defining inequality.
TEST(RateRulePower, NoEventRuleDetectsTheClosedFormRate) {
  // One event in n runs turns it red: P(reject) = 1 - (1 - p)^n >= 0.99 iff p >= 1 - 0.01^(1/n).
  const RateRule none = rate_rule("none", 0, 0, 1000);
  EXPECT_NEAR(detectable_rate(1000, none.consistent, 0, false, 0.99), 0.004594582648473011, 2e-6);
  EXPECT_EQ(rejection_probability(1000, 0, none.consistent), 0);
}

TEST(RateRulePower, DetectedRatesAreRejectedWithThePowerAndNothingCloserIs) {
  for (const auto& [kind, claimed, below] : {std::tuple{"at_least", 0.9, true}, std::tuple{"at_most", 0.1, false},
                                            std::tuple{"more_than", 0.125, true}, std::tuple{"equals", 0.2, true},
                                            std::tuple{"equals", 0.2, false}}) {
    const RateRule rule = rate_rule(kind, claimed, 1e-6, 200);
    const double p = detectable_rate(200, rule.consistent, claimed, below, 0.99);
    EXPECT_GE(rejection_probability(200, p, rule.consistent), 0.99) << kind;
    EXPECT_LT(rejection_probability(200, p + (below ? 1e-3 : -1e-3), rule.consistent), 0.99) << kind;
    if (std::string(kind) == "more_than") {
      EXPECT_GT(p, claimed) << "a strict claim's boundary is rejected";
    }
  }
}

TEST(RateRulePower, AtMostIsAtLeastOnTheOtherRuns) {
  const RateRule at_most = rate_rule("at_most", 0.1, 1e-6, 200);
  EXPECT_NEAR(detectable_rate(200, at_most.consistent, 0.1, false, 0.99), 1 - largest_rejected_rate(200, 0.9, 1e-6, 0.99),
              2e-6);
}

TEST(RateRulePower, UnknownClaimsAndBadRatesAreNamed) {
  EXPECT_THROW(rate_rule("at_leats", 0.9, 1e-6, 200), std::invalid_argument);
  EXPECT_THROW(rate_rule("at_least", 1.5, 1e-6, 200), std::invalid_argument);
  EXPECT_THROW(rate_rule("at_least", 0.9, 1e-6, 0), std::invalid_argument);
}

}  // namespace
}  // namespace gdcheck
