#include "properties/generators.hpp"

#include <algorithm>
#include <cmath>

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

namespace gdcheck {
namespace {

RC_GTEST_PROP(Generators, RealRangesStayInRange, ()) {
  const double u = *gen::uniform(-2.0, 3.0);
  RC_ASSERT(u >= -2.0 && u <= 3.0);
  const double l = *gen::log_uniform(1e-6, 1e6);
  RC_ASSERT(l >= 1e-6 && l <= 1e6);
  const double n = *gen::near_below(2.0, 1e-15, 1e-3);
  RC_ASSERT(n < 2.0 && n >= 2.0 * (1 - 1e-3));
}

RC_GTEST_PROP(Generators, SpectrumHasTheRequestedExtremes, ()) {
  const int d = *rc::gen::inRange(1, 40);
  const double lipschitz = *gen::log_uniform(1e-3, 1e3);
  const double condition = *gen::log_uniform(1.0, 1e6);
  const auto eigenvalues = *gen::spectrum(d, lipschitz, condition, true);
  RC_ASSERT(static_cast<int>(eigenvalues.size()) == d);
  RC_ASSERT(eigenvalues[0] == lipschitz);
  double largest = 0, smallest = INFINITY;
  for (double lambda : eigenvalues) {
    largest = std::max(largest, std::abs(lambda));
    smallest = std::min(smallest, std::abs(lambda));
  }
  RC_ASSERT(largest == lipschitz);
  if (d >= 2) RC_ASSERT(std::abs(smallest - lipschitz / condition) <= 1e-15 * lipschitz);
}

// Early cases are not pinned to the range minimum (RapidCheck scales integer
// ranges with the test size; the generators fix the size).
TEST(Generators, UseTheWholeRangeFromTheFirstCase) {
  const auto sample = gen::uniform(0.0, 1.0)(rc::Random(7), 0).value();
  EXPECT_GT(sample, 0.0);
}

TEST(Generators, ShrinkTowardTheSimpleEnd) {
  const auto shrinkable = gen::uniform(5.0, 6.0)(rc::Random(3), 50);
  // The first shrink candidate of a uniform value is the range's low end.
  const auto first = shrinkable.shrinks().next();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->value(), 5.0);
}

}  // namespace
}  // namespace gdcheck
