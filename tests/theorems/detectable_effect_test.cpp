// The power calculations of the KS tests (theorems/detectable_effect.hpp),
// pinned against values computed independently: closed forms derived by
// hand (the arcsine law at d = 2, the Gaussian densities' crossing) and
// evaluated outside the suite (Python's math module, 400 000-point grids).
#include "theorems/detectable_effect.hpp"

#include <cmath>
#include <numbers>
#include <stdexcept>

#include <gtest/gtest.h>

#include "theorems/kolmogorov_smirnov.hpp"

namespace gdcheck {
namespace {

TEST(DetectableEffect, DistanceAddsTheDkwDeviationAtOneMinusThePower) {
  // sqrt(log(2/0.01) / 2000) = 0.05146997846583985
  EXPECT_NEAR(detectable_distance(0.1, 1000, 0.99), 0.1 + 0.05146997846583985, 1e-15);
  EXPECT_DOUBLE_EQ(detectable_distance(0.0, 1000, 0.99), dkw_threshold(1000, 0.01));
  EXPECT_THROW(detectable_distance(0.1, 1000, 1.0), std::invalid_argument);
  EXPECT_THROW(detectable_distance(-0.1, 1000, 0.99), std::invalid_argument);
  EXPECT_THROW(detectable_distance(0.1, 0, 0.99), std::invalid_argument);
}

TEST(DetectableEffect, GaussianScaleDistanceIsTheGapAtTheDensitiesCrossing) {
  // s = 2: y = sqrt(2 log 2 / (3/4)), Phi(y) - Phi(y/2), and a 1e-4 grid's maximum.
  EXPECT_NEAR(gaussian_scale_distance(1.0), 0.16133728441738426, 1e-14);
  EXPECT_EQ(gaussian_scale_distance(0.0), 0.0);
  EXPECT_THROW(gaussian_scale_distance(-0.1), std::invalid_argument);
  EXPECT_THROW(gaussian_scale_distance(NAN), std::invalid_argument);
}

TEST(DetectableEffect, StretchedDirectionsAtDimensionTwoFollowTheArcsineLaw) {
  // At d = 2 the angle is uniform and stretching maps tan(theta) to s tan(theta):
  // the gap theta - atan(tan(theta)/s) is largest at tan(theta) = sqrt(s): (2/pi)(atan(sqrt s) - atan(1/sqrt s)).
  for (const double x : {0.5, 0.1, 0.01}) {
    const double s = 1 + x;
    const double exact = 2 / std::numbers::pi * (std::atan(std::sqrt(s)) - std::atan(1 / std::sqrt(s)));
    const double grid = stretched_direction_distance(2, x);
    EXPECT_LE(grid, exact * (1 + 1e-12)) << "x = " << x << ": a grid maximum is a lower bound";
    EXPECT_NEAR(grid, exact, 1e-9 * exact) << "x = " << x;
  }
  EXPECT_EQ(stretched_direction_distance(5, 0.0), 0.0);
  EXPECT_THROW(stretched_direction_distance(1, 0.1), std::invalid_argument);
  EXPECT_THROW(stretched_direction_distance(3, -0.1), std::invalid_argument);
}

TEST(DetectableEffect, StretchedDirectionsGrowWithTheStretchInEveryDimension) {
  for (const int d : {2, 3, 12, 100}) {
    double previous = 0;
    for (const double x : {0.01, 0.1, 1.0}) {
      const double distance = stretched_direction_distance(d, x);
      EXPECT_GT(distance, previous) << "d = " << d << ", x = " << x;
      previous = distance;
    }
  }
}

TEST(DetectableEffect, ShrunkBallDistanceIsOneMinusTheShrinkToTheD) {
  EXPECT_NEAR(shrunk_ball_distance(3, 0.1), 0.271, 1e-15);
  EXPECT_NEAR(shrunk_ball_distance(1, 0.25), 0.25, 1e-16);
  EXPECT_THROW(shrunk_ball_distance(3, 1.0), std::invalid_argument);
  EXPECT_THROW(shrunk_ball_distance(0, 0.1), std::invalid_argument);
}

TEST(DetectableEffect, SmallestEffectReachesTheTargetFromAbove) {
  const auto linear = [](double x) { return x; };
  const double x = smallest_detectable_effect(linear, 0.3, 1);
  EXPECT_GE(x, 0.3);
  EXPECT_LE(x, 0.3 * (1 + 2e-4));
  // Through the closed forms: the ball shrink with 1 - (1 - x)^3 = 0.271 is 0.1.
  EXPECT_NEAR(smallest_detectable_effect([](double s) { return shrunk_ball_distance(3, s); }, 0.271, 0.999), 0.1, 1e-4);
  EXPECT_THROW(smallest_detectable_effect(linear, 2, 1), std::invalid_argument);
}

}  // namespace
}  // namespace gdcheck
