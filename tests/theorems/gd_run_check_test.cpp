#include "theorems/gd_run_check.hpp"

#include <cmath>

#include <gtest/gtest.h>

#include "lib/objectives/quadratic.hpp"

namespace gdcheck {
namespace {

using QuadraticLadder = InstanceLadder<Quadratic, QuadraticSpec>;

// f = 2 x^2 (L = 4) from x0 = 1 with alpha = 1/8: x_t = 2^-t, f(x_t) = 2 * 4^-t,
// every step exact in binary.
QuadraticLadder halving_run() { return QuadraticLadder(QuadraticSpec{{4}, RotationSpec{1, 0, 0}}); }

GradientDescentOptions<double> halving_options(long steps) {
  GradientDescentOptions<double> o;
  o.step = 0.125;
  o.max_iterations = steps;
  return o;
}

// "f(x_{t+1}) >= floor": true until f drops below the floor.
auto value_stays_above(double floor) {
  return [floor](const auto& f, const auto&, const auto& next, const auto&) {
    using S = typename std::decay_t<decltype(f)>::Scalar;
    const S value = f.value(next);
    return judge(S(floor), value, f.value_rounding_error(next));
  };
}

TEST(GdRunCheck, ChecksEveryStepOfAPassingRun) {
  QuadraticLadder ladder = halving_run();
  const auto check = check_gd_run(ladder, Vector<double>::Ones(1), halving_options(10), LibraryGradientDescent{},
                                  StepClaim{"value above 1e-9", value_stays_above(1e-9)});
  EXPECT_FALSE(check.violation);
  EXPECT_EQ(check.steps_checked, 10);
  EXPECT_EQ(check.escalated_checks, 0);
  // The claim's ratio lhs/rhs is largest at the last step: 1e-9 / f(x_10).
  EXPECT_NEAR(check.worst_ratio, 1e-9 / (2 * std::pow(4.0, -10)), 1e-12);
}

TEST(GdRunCheck, NamesTheClaimAndTheStepOfTheFirstViolation) {
  // f(x_{t+1}) = 2 * 4^-(t+1) < 1e-3 first at t = 5 (2 / 4096).
  QuadraticLadder ladder = halving_run();
  const auto check = check_gd_run(ladder, Vector<double>::Ones(1), halving_options(10), LibraryGradientDescent{},
                                  StepClaim{"value above 1e-3", value_stays_above(1e-3)});
  ASSERT_TRUE(check.violation);
  EXPECT_EQ(check.violated_claim, "value above 1e-3");
  EXPECT_EQ(check.violation_step, 5);
  EXPECT_EQ(check.steps_checked, 6);  // checking stops at the violation
  EXPECT_EQ(check.violation->precision, "decimal100");  // confirmed at the top of the ladder
}

TEST(GdRunCheck, ABookkeepingClaimDoesNotSetTheRatio) {
  QuadraticLadder ladder = halving_run();
  const auto check = check_gd_run(ladder, Vector<double>::Ones(1), halving_options(3), LibraryGradientDescent{},
                                  StepClaim{"value above 1e-9", value_stays_above(1e-9), false});
  EXPECT_FALSE(check.violation);
  EXPECT_TRUE(std::isnan(check.worst_ratio));
}

// An optimizer that steps 2 alpha: every claim about f may still hold, but the
// run is not GD, and the GD-step claim every run is held to says so.
struct DoubleStepGradientDescent {
  template <Objective F, class Observer>
  RunResult<double> operator()(const F& f, const Vector<double>& x0, GradientDescentOptions<double> o,
                               Observer&& observer) const {
    o.step *= 2;
    return gradient_descent(f, x0, o, std::forward<Observer>(observer));
  }
};

TEST(GdRunCheck, HoldsEveryRunToTheGradientStep) {
  QuadraticLadder ladder = halving_run();
  const auto check = check_gd_run(ladder, Vector<double>::Ones(1), halving_options(5), DoubleStepGradientDescent{},
                                  StepClaim{"value above 0", value_stays_above(0)});
  ASSERT_TRUE(check.violation);
  EXPECT_EQ(check.violated_claim, "GD step");
  EXPECT_EQ(check.violation_step, 0);
}

}  // namespace
}  // namespace gdcheck
