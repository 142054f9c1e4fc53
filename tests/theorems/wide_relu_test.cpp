#include "theorems/wide_relu.hpp"

#include <cmath>
#include <numbers>
#include <stdexcept>

#include <gtest/gtest.h>

#include "lib/random.hpp"
#include "tests/lib/optimizers/expect_rejected.hpp"

namespace gdcheck::wide_relu {
namespace {

using gdcheck::testing::expect_rejected;

// Orthogonal inputs: H^inf = I/2 (x_i.x_j = 0 off the diagonal, pi/(2 pi) on it).
TEST(WideRelu, LimitGramOfOrthogonalInputsIsHalfTheIdentity) {
  const Matrix<double> gram = limit_gram(Matrix<double>(Matrix<double>::Identity(3, 3)));
  EXPECT_TRUE(gram.isApprox(Matrix<double>::Identity(3, 3) / 2, 1e-15));
  EXPECT_NEAR(lambda_0(Matrix<double>(Matrix<double>::Identity(3, 3))).value, 0.5, 1e-15);
}

// Inputs at 60 degrees: x.y = 1/2, arccos = pi/3, H_12 = (1/2)(2pi/3)/(2pi) = 1/6.
TEST(WideRelu, LimitGramEntryAtSixtyDegrees) {
  Matrix<double> x(2, 2);
  x << 1, 0.5, 0, std::sqrt(0.75);
  EXPECT_NEAR(limit_gram(x)(0, 1), 1.0 / 6, 1e-15);
}

// The expectation it is a closed form of, by Monte Carlo over w ~ N(0, I):
// within 5 standard errors (sd <= 1/2 per term, 10^5 terms).
TEST(WideRelu, LimitGramIsTheExpectationOfTheInitialGram) {
  Matrix<double> x(3, 3);
  x << 1, 0.6, -0.3, 0, 0.8, 0.4, 0, 0, std::sqrt(0.75);
  for (int i = 0; i < 3; ++i) x.col(i).normalize();
  Rng rng(7);
  Matrix<double> w(100000, 3);
  for (double& v : w.reshaped()) v = rng.normal();
  const InitialGram initial = initial_gram(x, w);
  EXPECT_LE((initial.gram - limit_gram(x)).cwiseAbs().maxCoeff(), 5 * 0.5 / std::sqrt(1e5));
}

TEST(WideRelu, HoeffdingRadiusIsTheUnionBoundSolution) {
  // 2 E exp(-2 m t^2) = delta with E = n(n+1)/2 entries.
  const double t = hoeffding_radius(4, 1000, 0.1);
  EXPECT_NEAR(2 * 10 * std::exp(-2 * 1000 * t * t), 0.1, 1e-12);
}

TEST(WideRelu, BadInputsAreNamed) {
  expect_rejected([] { hoeffding_radius(0, 10, 0.1); }, "samples");
  expect_rejected([] { hoeffding_radius(3, 0, 0.1); }, "width");
  expect_rejected([] { hoeffding_radius(3, 10, std::nan("")); }, "delta");
  expect_rejected([] { hoeffding_radius(3, 10, 1.0); }, "delta");
  Matrix<double> parallel(2, 3);
  parallel << 1, 0, 1, 0, 1, 0;
  expect_rejected([&] { lambda_0(parallel); }, "inputs 0 and 2 are parallel");
  Matrix<double> antiparallel(2, 2);
  antiparallel << 1, -1, 0, 0;
  expect_rejected([&] { lambda_0(antiparallel); }, "parallel");
  expect_rejected([] { limit_gram(Matrix<double>(Matrix<double>::Constant(2, 2, 1.0))); }, "not a unit vector");
  expect_rejected([] { initial_gram(Matrix<double>::Identity(3, 3), Matrix<double>::Ones(4, 2)); }, "columns");
}

// The frozen-pattern run check, on the net of the property's shrunk
// counterexample (wide-relu/step-too-large, seed 42): at eta = 2.5/lambda_max
// without the hypothesis eta lambda_max <= 1, step 6 keeps its pattern and
// grows ||u - y||, decided at 100 digits; at eta = 0.5/lambda_max every
// frozen step contracts.
TEST(WideRelu, FrozenPatternRunPassesWithTheHypothesisAndFailsWithoutIt) {
  const TwoLayerReluSpec spec{.samples = 2, .inputs = 2, .width = 32, .seed = 18074874007438421555ull};
  const std::uint64_t weights_seed = 5557669453679637942ull;
  const FrozenPatternRun large = check_frozen_pattern_run(spec, weights_seed, 2.5, 40, false);
  ASSERT_TRUE(large.violation.has_value());
  EXPECT_EQ(large.violation_step, 6);
  EXPECT_GT(large.violation->lhs, large.violation->rhs);
  const FrozenPatternRun small = check_frozen_pattern_run(spec, weights_seed, 0.5, 40, true);
  EXPECT_GT(small.frozen_steps, 0);
  EXPECT_FALSE(small.violation.has_value());
}

}  // namespace
}  // namespace gdcheck::wide_relu
