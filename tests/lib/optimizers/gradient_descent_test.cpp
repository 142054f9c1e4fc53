#include "lib/optimizers/gradient_descent.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

#include "lib/objectives/quadratic.hpp"

namespace gdcheck {
namespace {

Quadratic<double> one_dimensional(double curvature) {
  return Quadratic<double>(QuadraticSpec{{curvature}, RotationSpec{1, 0, 0}});
}

Vector<double> point(double value) { return Vector<double>::Constant(1, value); }

GradientDescentOptions<double> options_with_step(double step) {
  GradientDescentOptions<double> options;
  options.step = step;
  return options;
}

// The message names the field and the value.
void expect_invalid(const GradientDescentOptions<double>& options, const std::string& field,
                    const std::string& value) {
  try {
    gradient_descent(one_dimensional(1), point(1), options);
    FAIL() << "expected std::invalid_argument for " << field;
  } catch (const std::invalid_argument& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find(field), std::string::npos) << message;
    EXPECT_NE(message.find(value), std::string::npos) << message;
  }
}

TEST(GradientDescentOptions, RejectsBadStepNamingFieldAndValue) {
  expect_invalid(options_with_step(0), "GradientDescentOptions.step", "0");
  expect_invalid(options_with_step(-0.5), "GradientDescentOptions.step", "-0.5");
  expect_invalid(options_with_step(std::nan("")), "GradientDescentOptions.step", "nan");
  expect_invalid(options_with_step(std::numeric_limits<double>::infinity()),
                 "GradientDescentOptions.step", "inf");
}

TEST(GradientDescentOptions, RejectsBadBudgetToleranceAndThreshold) {
  auto options = options_with_step(0.1);
  options.max_iterations = -1;
  expect_invalid(options, "GradientDescentOptions.max_iterations", "-1");
  options = options_with_step(0.1);
  options.gradient_tolerance = std::nan("");
  expect_invalid(options, "GradientDescentOptions.gradient_tolerance", "nan");
  options = options_with_step(0.1);
  options.divergence_threshold = 0;
  expect_invalid(options, "GradientDescentOptions.divergence_threshold", "0");
}

TEST(GradientDescent, RejectsStartPointOfWrongDimensionOrNonFinite) {
  const auto f = one_dimensional(1);
  EXPECT_THROW(gradient_descent(f, Vector<double>::Zero(3), options_with_step(0.1)),
               std::invalid_argument);
  try {
    gradient_descent(f, Vector<double>::Zero(3), options_with_step(0.1));
  } catch (const std::invalid_argument& error) {
    EXPECT_STREQ(error.what(), "start point has dimension 3, expected 1");
  }
  EXPECT_THROW(gradient_descent(f, point(std::nan("")), options_with_step(0.1)),
               std::invalid_argument);
}

TEST(GradientDescent, IteratesTheGradientMapExactlyInOneDimension) {
  // x_{t+1} = (1 - alpha lambda) x_t: with alpha lambda = 1/2 every iterate
  // is an exact power of two, so the comparison can be exact.
  const auto f = one_dimensional(4);
  auto options = options_with_step(0.125);
  options.max_iterations = 10;
  long observed = 0;
  const auto result = gradient_descent(f, point(1), options, [&](const Iterate<double>& it) {
    EXPECT_EQ(it.t, observed);
    EXPECT_EQ(it.x(0), std::ldexp(1.0, -static_cast<int>(it.t)));
    EXPECT_EQ(it.gradient(0), 4 * it.x(0));
    ++observed;
  });
  EXPECT_EQ(result.status, RunStatus::budget_spent);
  EXPECT_EQ(result.iterations, 10);
  EXPECT_EQ(observed, 11);  // x_0 .. x_10
  EXPECT_EQ(result.x(0), std::ldexp(1.0, -10));
}

TEST(GradientDescent, ConvergesWhenTheGradientIsBelowTolerance) {
  auto options = options_with_step(0.125);
  options.gradient_tolerance = 1e-6;
  const auto result = gradient_descent(one_dimensional(4), point(1), options);
  EXPECT_EQ(result.status, RunStatus::converged);
  EXPECT_LE(result.gradient_norm, 1e-6);
  EXPECT_EQ(result.iterations, 22);  // 4 * 2^-t <= 1e-6 first at t = 22
}

TEST(GradientDescent, ReportsDivergenceAboveTheThreshold) {
  auto options = options_with_step(1.0);  // alpha L = 4 > 2: |x| triples per step
  options.divergence_threshold = 100;
  const auto result = gradient_descent(one_dimensional(4), point(1), options);
  EXPECT_EQ(result.status, RunStatus::diverged);
  EXPECT_EQ(result.iterations, 5);  // 3^5 = 243 > 100 >= 3^4
  EXPECT_GT(std::abs(result.x(0)), 100);
}

TEST(GradientDescent, StopsWithNonFiniteStatusOnOverflow) {
  auto options = options_with_step(1e200);  // no threshold: runs until overflow
  options.max_iterations = 100;
  const auto result = gradient_descent(one_dimensional(1e100), point(1), options);
  EXPECT_EQ(result.status, RunStatus::non_finite);
  EXPECT_LT(result.iterations, 100);
}

TEST(GradientDescent, RunsInEveryScalarType) {
  const Quadratic<Decimal50> f(QuadraticSpec{{2}, RotationSpec{1, 0, 0}});
  GradientDescentOptions<Decimal50> options;
  options.step = Decimal50("0.1");
  options.max_iterations = 3;
  const auto result = gradient_descent(f, Vector<Decimal50>::Constant(1, Decimal50(1)), options);
  // (1 - 0.2)^3 = 0.512, to 50 digits.
  using std::abs;
  EXPECT_LT(abs(result.x(0) - Decimal50("0.512")), Decimal50("1e-48"));
}

// An observer returning true ends the run with status `stopped`.
TEST(Observers, ReturningTrueStopsTheRun) {
  const Quadratic<double> f(QuadraticSpec{{1.0}, RotationSpec{1, 0, 0}});
  GradientDescentOptions<double> options{0.1, 100};
  const auto result = gradient_descent(f, Vector<double>::Ones(1), options, [](const Iterate<double>& it) { return it.t == 7; });
  EXPECT_EQ(result.status, RunStatus::stopped);
  EXPECT_EQ(result.iterations, 7);
}

}  // namespace
}  // namespace gdcheck
