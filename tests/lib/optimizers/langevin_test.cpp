#include "lib/optimizers/langevin.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

#include "tests/lib/optimizers/expect_rejected.hpp"

#include "lib/objectives/quadratic.hpp"

namespace gdcheck {
namespace {

const Quadratic<double>& unit_quadratic() {  // f = y^2 / 2
  static const Quadratic<double> f(QuadraticSpec{{1.0}, RotationSpec{1, 0, 0}});
  return f;
}

LangevinOptions<double> options(double step, double temperature, bool adjusted) {
  LangevinOptions<double> o;
  o.step = step;
  o.temperature = temperature;
  o.metropolis_adjusted = adjusted;
  o.max_iterations = 10;
  o.seed = 5;
  return o;
}

void expect_rejected(const LangevinOptions<double>& o, const std::string& field) {
  testing::expect_rejected([&] { langevin(unit_quadratic(), Vector<double>::Zero(1), o); }, field);
}

TEST(Langevin, RejectsBadOptionsNamingTheField) {
  expect_rejected(options(0, 1, true), "step");
  expect_rejected(options(NAN, 1, true), "step");
  expect_rejected(options(0.1, 0, true), "temperature");
  expect_rejected(options(0.1, -1, false), "temperature");
  expect_rejected(options(0.1, INFINITY, false), "temperature");
  auto o = options(0.1, 1, true);
  o.max_iterations = -3;
  expect_rejected(o, "max_iterations");
  EXPECT_THROW(langevin(unit_quadratic(), Vector<double>::Zero(2), options(0.1, 1, true)), std::invalid_argument);
}

// ULA's step is x - alpha grad f(x) + eps sqrt(alpha) W with W the seed's
// first normal: recomputed here bit for bit.
TEST(Langevin, UnadjustedStepIsTheDiscretisedDiffusion) {
  auto o = options(0.1, 0.7, false);
  o.max_iterations = 1;
  const double x0 = 1.5;
  const auto run = langevin(unit_quadratic(), Vector<double>::Constant(1, x0), o);
  Rng rng(o.seed);
  const double w = rng.normal();
  EXPECT_EQ(run.result.x(0), x0 - 0.1 * x0 + 0.7 * std::sqrt(0.1) * w);
  EXPECT_EQ(run.accepted, 1);
}

TEST(Langevin, ASeedReproducesTheChainAndMalaRejectsSomeLargeSteps) {
  auto o = options(1.5, 1, true);
  o.max_iterations = 200;
  const auto first = langevin(unit_quadratic(), Vector<double>::Ones(1), o);
  const auto again = langevin(unit_quadratic(), Vector<double>::Ones(1), o);
  EXPECT_EQ(first.result.x, again.result.x);
  EXPECT_EQ(first.accepted, again.accepted);
  // alpha = 1.5 on f = y^2/2 overshoots: the exact chain must refuse part of it.
  EXPECT_LT(first.accepted, 200);
  EXPECT_GT(first.accepted, 0);
}

}  // namespace
}  // namespace gdcheck
