#include "theorems/linear_net_saddles.hpp"

#include <cmath>

#include <gtest/gtest.h>

#include "tests/lib/optimizers/expect_rejected.hpp"

namespace gdcheck::linear_net_saddles {
namespace {

using gdcheck::testing::expect_rejected;

// The exact balanced recursion c <- c + alpha (phi - c^k) c^{k-1} in long
// double lands inside the bounds, for each depth and a spread of deltas.
TEST(LinearNetSaddles, EscapeBoundsBracketTheBalancedRecursion) {
  for (const int k : {2, 3, 4}) {
    for (const double delta : {1e-1, 1e-2, k < 4 ? 1e-3 : 3e-3}) {  // depth 4 at 1e-3: 7e6 steps
      const double phi = 1.5, step = 0.2, rho = 0.9 * std::pow(phi / 2, 1.0 / k);
      long double c = delta / std::sqrt(double(k));
      long steps = 0;
      while (std::sqrt(double(k)) * c < rho) {
        c += step * (phi - std::pow(c, k)) * std::pow(c, k - 1);
        ++steps;
      }
      const EscapeBounds bounds = escape_bounds(k, step, phi, delta, rho, 1e-15);
      EXPECT_GE(steps, bounds.lower) << k << " " << delta;
      EXPECT_LT(steps, bounds.upper) << k << " " << delta;
    }
  }
}

TEST(LinearNetSaddles, BadEscapeParametersAreNamed) {
  expect_rejected([] { escape_bounds(1, 0.1, 1, 1e-3, 0.5, 0); }, "depth");
  expect_rejected([] { escape_bounds(3, -0.1, 1, 1e-3, 0.5, 0); }, "step");
  expect_rejected([] { escape_bounds(3, 0.1, std::nan(""), 1e-3, 0.5, 0); }, "phi");
  expect_rejected([] { escape_bounds(3, 0.1, 1, 0.6, 0.5, 0); }, "delta");
  expect_rejected([] { escape_bounds(2, 0.1, 1, 1e-3, 0.9, 0); }, "rho^k");
  // (1e-120)^3 is below the smallest normal double: the relative theta no longer bounds the updates.
  expect_rejected([] { escape_bounds(4, 0.1, 1, 1e-120, 0.5, 1e-15); }, "underflow");
}

// Depth 3, phi = 1, along (1,1,1)/sqrt(3): f(tV) - f(0) = -t^3/3^{3/2} + t^6/54.
TEST(LinearNetSaddles, ClosedFormAlongTheDiagonal) {
  const DeepLinearChain<double> f(DeepLinearChainSpec{3, 1, 1.0, 0});
  const Matrix<double> phi = Matrix<double>::Constant(1, 1, 1.0);
  const Vector<double> diagonal = Vector<double>::Constant(3, 1 / std::sqrt(3.0));
  const auto check = check_direction(f, phi, 3, diagonal, 0.1);
  EXPECT_NEAR(check.closed_form, -1e-3 / std::pow(3.0, 1.5) + 1e-6 / 54, 1e-17);
  EXPECT_TRUE(check.agrees());
  EXPECT_TRUE(check.descends());
}

}  // namespace
}  // namespace gdcheck::linear_net_saddles
