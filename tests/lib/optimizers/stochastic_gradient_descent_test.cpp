#include "lib/optimizers/stochastic_gradient_descent.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

#include "tests/lib/optimizers/expect_rejected.hpp"

#include "lib/optimizers/gradient_descent.hpp"

namespace gdcheck {
namespace {

const LeastSquares<double>& problem() {
  static const LeastSquares<double> f(LeastSquaresSpec{8, 3, 0.5, 7});
  return f;
}

StochasticGradientDescentOptions<double> options_with_step(double step) {
  StochasticGradientDescentOptions<double> options;
  options.step = step;
  options.max_iterations = 50;
  return options;
}

void expect_rejected(const StochasticGradientDescentOptions<double>& options, const std::string& field) {
  testing::expect_rejected([&] { stochastic_gradient_descent(problem(), Vector<double>::Zero(3), options); }, field);
}

TEST(StochasticGradientDescent, RejectsBadOptionsNamingTheField) {
  expect_rejected(options_with_step(0), "step");
  expect_rejected(options_with_step(-1), "step");
  expect_rejected(options_with_step(NAN), "step");
  expect_rejected(options_with_step(INFINITY), "step");
  auto options = options_with_step(0.01);
  options.batch_size = 0;
  expect_rejected(options, "batch_size");
  options.batch_size = 9;  // m = 8
  expect_rejected(options, "batch_size");
  options = options_with_step(0.01);
  options.max_iterations = -1;
  expect_rejected(options, "max_iterations");
  options = options_with_step(0.01);
  options.sampling = static_cast<BatchSampling>(7);
  expect_rejected(options, "sampling");
  options = options_with_step(0.01);
  options.divergence_threshold = NAN;
  expect_rejected(options, "divergence_threshold");
  EXPECT_THROW(stochastic_gradient_descent(problem(), Vector<double>::Zero(2), options_with_step(0.01)),
               std::invalid_argument);
}

TEST(StochasticGradientDescent, ASeedReproducesTheRunAndAnotherSeedChangesIt) {
  auto options = options_with_step(0.02);
  options.seed = 11;
  const Vector<double> x0 = Vector<double>::Ones(3);
  const auto first = stochastic_gradient_descent(problem(), x0, options);
  const auto again = stochastic_gradient_descent(problem(), x0, options);
  EXPECT_EQ(first.x, again.x);
  options.seed = 12;
  EXPECT_NE(stochastic_gradient_descent(problem(), x0, options).x, first.x);
  EXPECT_EQ(first.status, RunStatus::budget_spent);
  EXPECT_EQ(first.iterations, 50);
}

// With the whole sum as the batch (without replacement) every step is a GD
// step, up to the order of the summation: within rounding of GD's iterate.
TEST(StochasticGradientDescent, TheFullBatchWithoutReplacementIsGradientDescent) {
  auto options = options_with_step(0.02);
  options.batch_size = 8;
  options.sampling = BatchSampling::without_replacement;
  GradientDescentOptions<double> gd;
  gd.step = 0.02;
  gd.max_iterations = 50;
  const Vector<double> x0 = Vector<double>::Ones(3);
  const auto sgd = stochastic_gradient_descent(problem(), x0, options);
  const auto exact = gradient_descent(problem(), x0, gd);
  // 50 steps of a contraction, each off by a few units of roundoff of ||x||.
  EXPECT_LE((sgd.x - exact.x).norm(), 1e-13 * (1 + exact.x.norm()));
}

// The observer sees x_t and the full gradient; x_t - x_{t+1} = alpha times
// the batch gradient, so with one component the step is alpha grad f_i(x_t)
// for some i.
TEST(StochasticGradientDescent, EachStepIsAComponentGradientStep) {
  auto options = options_with_step(0.02);
  options.max_iterations = 20;
  std::vector<Vector<double>> iterates;
  stochastic_gradient_descent(problem(), Vector<double>::Ones(3), options,
                              [&](const Iterate<double>& it) { iterates.push_back(it.x); });
  ASSERT_EQ(iterates.size(), 21u);
  for (std::size_t t = 0; t + 1 < iterates.size(); ++t) {
    double best = INFINITY;
    Vector<double> g;
    for (int i = 0; i < problem().components(); ++i) {
      problem().component_value_and_gradient(i, iterates[t], g);
      best = std::min(best, (iterates[t] - 0.02 * g - iterates[t + 1]).norm());
    }
    EXPECT_LE(best, 1e-14 * (1 + iterates[t].norm())) << "step " << t;
  }
}

TEST(StochasticGradientDescent, AnObserverCanStopTheRun) {
  const auto result = stochastic_gradient_descent(problem(), Vector<double>::Ones(3), options_with_step(0.02),
                                                  [](const Iterate<double>& it) { return it.t == 5; });
  EXPECT_EQ(result.status, RunStatus::stopped);
  EXPECT_EQ(result.iterations, 5);
}

// Batches: without replacement the indices are distinct; with b = 1 each of
// the m indices comes up with frequency 1/m. With N = 80 000 draws from a
// fixed seed, Hoeffding's bound puts every frequency within
// sqrt(log(2 m / 1e-9) / (2 N)) = 0.012 of 1/m except with probability 1e-9.
TEST(DrawBatch, WithoutReplacementDrawsDistinctIndicesAndSingleDrawsAreUniform) {
  Rng rng(2026);
  std::vector<int> batch, scratch;
  for (int trial = 0; trial < 1000; ++trial) {
    draw_batch(rng, 8, 5, BatchSampling::without_replacement, batch, scratch);
    const std::set<int> distinct(batch.begin(), batch.end());
    ASSERT_EQ(distinct.size(), 5u);
    ASSERT_TRUE(*distinct.begin() >= 0 && *distinct.rbegin() < 8);
  }
  const int m = 8, draws = 80000;
  std::vector<int> counts(m, 0);
  for (int k = 0; k < draws; ++k) {
    draw_batch(rng, m, 1, BatchSampling::with_replacement, batch, scratch);
    ++counts[batch[0]];
  }
  const double tolerance = std::sqrt(std::log(2.0 * m / 1e-9) / (2.0 * draws));
  for (int i = 0; i < m; ++i) EXPECT_NEAR(counts[i] / double(draws), 1.0 / m, tolerance) << "index " << i;
}

}  // namespace
}  // namespace gdcheck
