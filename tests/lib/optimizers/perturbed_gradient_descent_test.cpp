#include "lib/optimizers/perturbed_gradient_descent.hpp"

#include <stdexcept>

#include <gtest/gtest.h>

#include "lib/objectives/quadratic.hpp"
#include "lib/optimizers/noisy_gradient_descent.hpp"

namespace gdcheck {
namespace {

// Hand-computed from the formulas of Jin et al. 2017, Algorithm 2:
// d = 10, l = 1, rho = 1, eps = 0.01, c = 1, delta = 0.1, Delta_f = 1:
// chi = 3 ln(10 / (1e-4 * 0.1)) = 3 ln 1e6.
TEST(PerturbedGradientDescentConstants, MatchHandComputedValues) {
  const auto k = perturbed_gradient_descent_constants({1.0, 1.0, 0.01, 1.0, 0.1, 1.0, 10});
  EXPECT_DOUBLE_EQ(k.chi, 41.44653167389282);
  EXPECT_DOUBLE_EQ(k.step, 1.0);
  EXPECT_DOUBLE_EQ(k.radius, 5.821348673197961e-06);
  EXPECT_DOUBLE_EQ(k.gradient_threshold, 5.821348673197961e-06);
  EXPECT_DOUBLE_EQ(k.function_threshold, 1.4045442255581615e-08);
  EXPECT_DOUBLE_EQ(k.time_threshold, 414.4653167389282);
  EXPECT_EQ(k.time_threshold_steps(), 415);
  // d = 3, l = 2, rho = 0.5, eps = 0.1, c = 0.25, delta = 0.05, Delta_f = 4.
  const auto m = perturbed_gradient_descent_constants({2.0, 0.5, 0.1, 0.25, 0.05, 4.0, 3});
  EXPECT_DOUBLE_EQ(m.chi, 36.49575195302975);
  EXPECT_DOUBLE_EQ(m.step, 0.125);
  EXPECT_DOUBLE_EQ(m.radius, 1.8769615506466612e-05);
  EXPECT_DOUBLE_EQ(m.gradient_threshold, 3.7539231012933224e-05);
  EXPECT_DOUBLE_EQ(m.function_threshold, 2.3000011748221707e-07);
  EXPECT_DOUBLE_EQ(m.time_threshold, 5222.846864444496);
  // The max{., 4}: ln(1 * 1 * 1 / (1 * 1 * 0.5)) = 0.69 < 4, so chi = 12.
  EXPECT_DOUBLE_EQ(perturbed_gradient_descent_constants({1.0, 1.0, 1.0, 1.0, 0.5, 1.0, 1}).chi, 12.0);
}

TEST(PerturbedGradientDescentConstants, BadParametersAreNamed) {
  const PerturbedGradientDescentParameters good{1.0, 1.0, 0.01, 1.0, 0.1, 1.0, 10};
  auto with = [&](auto change) {
    auto p = good;
    change(p);
    return p;
  };
  EXPECT_THROW(perturbed_gradient_descent_constants(with([](auto& p) { p.c = 1.5; })), std::invalid_argument);
  EXPECT_THROW(perturbed_gradient_descent_constants(with([](auto& p) { p.delta = 1.0; })), std::invalid_argument);
  EXPECT_THROW(perturbed_gradient_descent_constants(with([](auto& p) { p.epsilon = -1; })), std::invalid_argument);
  EXPECT_THROW(perturbed_gradient_descent_constants(with([](auto& p) { p.dimension = 0; })), std::invalid_argument);
  try {
    perturbed_gradient_descent_constants(with([](auto& p) { p.hessian_lipschitz = std::nan(""); }));
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("hessian_lipschitz"), std::string::npos) << e.what();
  }
}

// f = (x^2 - y^2)/2 from the saddle: PGD perturbs at t = 0 (gradient 0),
// then escapes along y; with the return rule it stops only at a point whose
// episode did not decrease f, which on this unbounded-below f never happens
// before the budget. Episodes are recorded with x~ = the saddle.
TEST(PerturbedGradientDescent, PerturbsAtTheSaddleAndRecordsTheEpisode) {
  const Quadratic<double> f(QuadraticSpec{{1.0, -1.0}, RotationSpec{2, 0, 0}});
  PerturbedGradientDescentOptions<double> options;
  options.constants = {12, 0.5, 1e-3, 1e-3, 1e-6, 5};
  options.max_iterations = 50;
  options.seed = 3;
  const auto result = perturbed_gradient_descent(f, Vector<double>::Zero(2), options);
  ASSERT_FALSE(result.episodes.empty());
  EXPECT_EQ(result.episodes[0].start, 0);
  EXPECT_EQ(result.episodes[0].x_tilde, Vector<double>::Zero(2));
  EXPECT_GT(std::abs(result.run.x(1)), 1.0);  // escaped along the negative direction
  // The same seed gives the same run.
  EXPECT_EQ(perturbed_gradient_descent(f, Vector<double>::Zero(2), options).run.x, result.run.x);
}

// On a convex quadratic from the minimum: one episode, no decrease, x~ returned.
TEST(PerturbedGradientDescent, ReturnsXTildeAfterAnUnproductiveEpisode) {
  const Quadratic<double> f(QuadraticSpec{{1.0, 0.5}, RotationSpec{2, 0, 0}});
  PerturbedGradientDescentOptions<double> options;
  options.constants = {12, 0.5, 1e-3, 1e-3, 1e-6, 5};
  const auto result = perturbed_gradient_descent(f, Vector<double>::Zero(2), options);
  EXPECT_EQ(result.run.status, RunStatus::converged);
  EXPECT_EQ(result.run.iterations, 5);
  EXPECT_EQ(result.run.x, Vector<double>::Zero(2));
  ASSERT_EQ(result.episodes.size(), 1u);
  EXPECT_TRUE(result.episodes[0].returned);
}

TEST(NoisyGradientDescent, SeedReproducesTheRunAndBadOptionsAreNamed) {
  const Quadratic<double> f(QuadraticSpec{{1.0, -1.0}, RotationSpec{2, 0, 0}});
  NoisyGradientDescentOptions<double> options;
  options.step = 0.1;
  options.max_iterations = 100;
  options.seed = 11;
  const auto a = noisy_gradient_descent(f, Vector<double>::Zero(2), options);
  EXPECT_EQ(a.x, noisy_gradient_descent(f, Vector<double>::Zero(2), options).x);
  EXPECT_GT(a.x.norm(), 0.0);  // the noise moved it off the saddle
  options.noise_radius = 0;
  EXPECT_THROW(noisy_gradient_descent(f, Vector<double>::Zero(2), options), std::invalid_argument);
  options.noise_radius = 1;
  EXPECT_THROW(noisy_gradient_descent(f, Vector<double>::Zero(3), options), std::invalid_argument);
}

}  // namespace
}  // namespace gdcheck
