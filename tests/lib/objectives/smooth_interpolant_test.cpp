#include "lib/objectives/smooth_interpolant.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

#include <gtest/gtest.h>

#include "lib/random.hpp"
#include "tests/lib/optimizers/expect_rejected.hpp"

namespace gdcheck {
namespace {

using Point = InterpolationPoint<double>;

Vector<double> vec(std::initializer_list<double> entries) {
  Vector<double> v(static_cast<long>(entries.size()));
  long i = 0;
  for (const double e : entries) v(i++) = e;
  return v;
}

// Data of f(x) = (0.5 x_1^2 - 0.8 x_2^2) / 2 + sin(x_1) / 4 (curvature in
// [-0.8, 0.75], inside [-1, 1]) at scattered points: every condition holds
// with a margin, so the interpolant passes through them.
std::vector<Point> smooth_data(int count, std::uint64_t seed) {
  Rng rng(seed);
  std::vector<Point> data;
  for (int k = 0; k < count; ++k) {
    const Vector<double> x = vec({4 * rng.uniform01() - 2, 4 * rng.uniform01() - 2});
    const double value = (0.5 * x(0) * x(0) - 0.8 * x(1) * x(1)) / 2 + std::sin(x(0)) / 4;
    data.push_back({x, value, vec({0.5 * x(0) + std::cos(x(0)) / 4, -0.8 * x(1)})});
  }
  return data;
}

TEST(SmoothInterpolant, PassesThroughDataThatMeetTheConditions) {
  const std::vector<Point> data = smooth_data(12, 7);
  for (const Point& a : data) {
    for (const Point& b : data) {
      if (&a != &b) {
        EXPECT_GT(interpolation_slack(a, b, 1.0), 0);
      }
    }
  }
  const SmoothInterpolant<double> f(data, 1.0);
  for (const Point& p : data) {
    Vector<double> g;
    EXPECT_NEAR(f.value_and_gradient(p.x, g), p.value, 1e-14);
    EXPECT_LE((g - p.gradient).norm(), 1e-14);
  }
}

// Wherever it evaluates, the interpolant is in the class: the two-sided
// quadratic bounds of L-smoothness hold between any two points, and f stays
// above its stated infimum, which it reaches at x_i - g_i / L.
TEST(SmoothInterpolant, IsLSmoothAndBoundedByItsInfimum) {
  const std::vector<Point> data = smooth_data(8, 11);
  const SmoothInterpolant<double> f(data, 1.0);
  const double infimum = f.lower_bound()->value;
  Rng rng(3);
  std::vector<std::pair<Vector<double>, double>> evaluated;
  std::vector<Vector<double>> gradients;
  for (int k = 0; k < 400; ++k) {
    const Vector<double> x = vec({8 * rng.uniform01() - 4, 8 * rng.uniform01() - 4});
    try {
      Vector<double> g;
      const double v = f.value_and_gradient(x, g);
      evaluated.push_back({x, v});
      gradients.push_back(g);
      EXPECT_GE(v, infimum - 1e-12);
    } catch (const std::domain_error&) {
      // where pieces blend: not evaluated, by contract
    }
  }
  ASSERT_GT(evaluated.size(), 100u);
  for (std::size_t a = 0; a < evaluated.size(); ++a) {
    for (std::size_t b = 0; b < evaluated.size(); ++b) {
      const Vector<double> d = evaluated[b].first - evaluated[a].first;
      const double linear = evaluated[a].second + gradients[a].dot(d);
      const double tolerance = 1e-12 * (1 + std::abs(linear) + d.squaredNorm());
      EXPECT_LE(evaluated[b].second, linear + d.squaredNorm() / 2 + tolerance);
      EXPECT_GE(evaluated[b].second, linear - d.squaredNorm() / 2 - tolerance);
    }
  }
  std::size_t lowest = 0;
  for (std::size_t i = 0; i < data.size(); ++i) {
    if (data[i].value - data[i].gradient.squaredNorm() / 2 < data[lowest].value - data[lowest].gradient.squaredNorm() / 2) {
      lowest = i;
    }
  }
  EXPECT_NEAR(f.value(data[lowest].x - data[lowest].gradient), infimum, 1e-13);
}

// A condition that fails: zero gradients at 0 and 1 with values 0 and 10
// need curvature 40 (> L = 1). The slack says so, and the interpolant (still
// in the class) does not pass through the second point.
TEST(SmoothInterpolant, DataMissingAConditionAreNotInterpolated) {
  const std::vector<Point> data{{vec({0}), 0, vec({0})}, {vec({1}), 10, vec({0})}};
  EXPECT_LT(interpolation_slack(data[1], data[0], 1.0), 0);
  const SmoothInterpolant<double> f(data, 1.0);
  EXPECT_DOUBLE_EQ(f.value(vec({1})), 0.5);  // the first piece, x^2/2
}

// Between two pieces, where neither is the minimiser, it refuses to
// evaluate rather than approximate.
TEST(SmoothInterpolant, RefusesWherePiecesBlend) {
  const SmoothInterpolant<double> f({{vec({0}), 0, vec({0})}, {vec({4}), 0, vec({0})}}, 1.0);
  EXPECT_DOUBLE_EQ(f.value(vec({0})), 0);
  EXPECT_THROW(f.value(vec({2})), std::domain_error);
}

TEST(SmoothInterpolant, RejectsBadDataByName) {
  using testing::expect_rejected;
  expect_rejected([] { SmoothInterpolant<double>({}, 1.0); }, "no data points");
  expect_rejected([] { SmoothInterpolant<double>({{vec({0}), 0, vec({0})}}, -1.0); }, "SmoothInterpolant: L");
  expect_rejected([] { SmoothInterpolant<double>({{vec({0}), 0, vec({0})}, {vec({0, 1}), 0, vec({0, 1})}}, 1.0); },
                  "SmoothInterpolant point 1 x");
  expect_rejected([] { SmoothInterpolant<double>({{vec({0}), std::nan(""), vec({0})}}, 1.0); },
                  "SmoothInterpolant point 0 value");
  const SmoothInterpolant<double> f({{vec({0}), 0, vec({0})}}, 1.0);
  try {
    f.value(vec({0, 0}));
    ADD_FAILURE() << "no exception for a point of the wrong dimension";
  } catch (const std::invalid_argument& error) {
    EXPECT_NE(std::string(error.what()).find("SmoothInterpolant: x"), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace gdcheck
