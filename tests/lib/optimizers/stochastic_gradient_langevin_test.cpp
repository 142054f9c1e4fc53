#include "lib/optimizers/stochastic_gradient_langevin.hpp"

#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/lib/optimizers/expect_rejected.hpp"

#include "lib/objectives/quadratic.hpp"

namespace gdcheck {
namespace {

const Quadratic<double>& bowl() {  // f = (x1^2 + 2 x2^2) / 2
  static const Quadratic<double> f(QuadraticSpec{{2.0, 1.0}, RotationSpec{2, 0, 0}});
  return f;
}

StochasticGradientLangevinOptions options(LangevinSchedule schedule) {
  StochasticGradientLangevinOptions o;
  o.schedule = schedule;
  o.step = 0.1;
  o.noise = 0.01;
  o.max_iterations = 20;
  o.seed = 3;
  return o;
}

void expect_rejected(const StochasticGradientLangevinOptions& o, const std::string& field) {
  testing::expect_rejected([&] { stochastic_gradient_langevin(bowl(), Vector<double>::Zero(2), o); }, field);
}

TEST(StochasticGradientLangevin, RejectsBadOptionsNamingTheField) {
  for (const auto schedule : {LangevinSchedule::constant, LangevinSchedule::gelfand_mitter}) {
    auto o = options(schedule);
    o.step = 0;
    expect_rejected(o, "step");
    o.step = -1;
    expect_rejected(o, "step");
    o = options(schedule);
    o.noise = -0.5;
    expect_rejected(o, "noise");
    o.noise = NAN;
    expect_rejected(o, "noise");
    o = options(schedule);
    o.gradient_noise_second_moment = NAN;
    expect_rejected(o, "gradient_noise_second_moment");
    o.gradient_noise_second_moment = -1;
    expect_rejected(o, "gradient_noise_second_moment");
    o = options(schedule);
    o.max_iterations = -1;
    expect_rejected(o, "max_iterations");
  }
  auto o = options(LangevinSchedule::gelfand_mitter);
  o.first_time = 15;  // log log 15 < 0
  expect_rejected(o, "first_time");
  o = options(LangevinSchedule::constant);
  o.schedule = static_cast<LangevinSchedule>(9);
  expect_rejected(o, "schedule");
}

TEST(StochasticGradientLangevin, GelfandMitterScheduleIsAOverTAndBOverTLogLogT) {
  auto o = options(LangevinSchedule::gelfand_mitter);
  o.step = 2;
  o.noise = 3;
  o.first_time = 20;
  EXPECT_DOUBLE_EQ(o.alpha(0), 2.0 / 20);
  EXPECT_DOUBLE_EQ(o.alpha(5), 2.0 / 25);
  EXPECT_DOUBLE_EQ(o.beta(5) * o.beta(5), 3.0 / (25 * std::log(std::log(25.0))));
}

// Without injected and gradient noise (B = 0, Q = 0) SGLD is GD with step A/t.
TEST(StochasticGradientLangevin, WithoutNoiseItIsGradientDescentWithStepAOverT) {
  auto o = options(LangevinSchedule::gelfand_mitter);
  o.noise = 0;
  std::vector<Vector<double>> iterates;
  stochastic_gradient_langevin(bowl(), Vector<double>::Ones(2), o,
                               [&](const Iterate<double>& it) { iterates.push_back(it.x); });
  for (std::size_t k = 0; k + 1 < iterates.size(); ++k) {
    Vector<double> g;
    bowl().gradient(iterates[k], g);
    Vector<double> expected = iterates[k];
    expected.noalias() -= o.alpha(static_cast<long>(k)) * g;
    EXPECT_EQ(iterates[k + 1], expected) << "step " << k;
  }
}

// With B = 0 the oracle's noise is recovered from the iterates:
// xi_t = (x_t - x_{t+1}) / alpha_t - grad f(x_t) has norm sqrt(Q) (up to the
// recovery's cancellation, u ||x|| / alpha relative to it).
TEST(StochasticGradientLangevin, OracleNoiseHasNormSqrtQ) {
  auto o = options(LangevinSchedule::constant);
  o.noise = 0;
  o.gradient_noise_second_moment = 0.25;
  std::vector<Vector<double>> iterates;
  stochastic_gradient_langevin(bowl(), Vector<double>::Ones(2), o,
                               [&](const Iterate<double>& it) { iterates.push_back(it.x); });
  ASSERT_EQ(iterates.size(), 21u);
  for (std::size_t k = 0; k + 1 < iterates.size(); ++k) {
    Vector<double> g;
    bowl().gradient(iterates[k], g);
    const Vector<double> xi = (iterates[k] - iterates[k + 1]) / o.step - g;
    EXPECT_NEAR(xi.norm(), 0.5, 1e-12) << "step " << k;
  }
}

TEST(StochasticGradientLangevin, ASeedReproducesTheRun) {
  const auto o = options(LangevinSchedule::gelfand_mitter);
  EXPECT_EQ(stochastic_gradient_langevin(bowl(), Vector<double>::Ones(2), o).x,
            stochastic_gradient_langevin(bowl(), Vector<double>::Ones(2), o).x);
}

}  // namespace
}  // namespace gdcheck
