// Regression value: deliberately broken optimizers (kept here, not in lib/)
// must each turn a run check red: gradient descents the descent-lemma check,
// perturbed GDs the budget check. ctest label: negative-control.
#include <gtest/gtest.h>
#include <rapidcheck.h>

#include "lib/objectives/quadratic.hpp"
#include "properties/generators.hpp"
#include "theorems/descent_lemma.hpp"
#include "theorems/perturbed_gd_budget.hpp"

namespace gdcheck {
namespace {

// GD whose step is alpha (1 + 1e-3).
struct LongStepGradientDescent {
  template <Objective F, class Observer>
  auto operator()(const F& f, const Vector<typename F::Scalar>& x0,
                  GradientDescentOptions<typename F::Scalar> options, Observer&& observer) const {
    options.step *= 1 + 1e-3;
    return gradient_descent(f, x0, options, observer);
  }
};

// GD with the sign of the gradient's first entry flipped.
struct SignFlipGradientDescent {
  template <Objective F, class Observer>
  auto operator()(const F& f, const Vector<typename F::Scalar>& x0,
                  const GradientDescentOptions<typename F::Scalar>& options, Observer&& observer) const {
    using S = typename F::Scalar;
    RunResult<S> result{RunStatus::budget_spent, x0, S(0), S(0), 0};
    Vector<S> g;
    for (long t = 0;; ++t) {
      result.iterations = t;
      result.value = f.value_and_gradient(result.x, g);
      result.gradient_norm = g.norm();
      observer(Iterate<S>{t, result.x, result.value, g});
      if (t == options.max_iterations) return result;
      g(0) = -g(0);
      result.x -= options.step * g;
    }
  }
};

// GD that stops one step early but reports the full budget.
struct OffByOneGradientDescent {
  template <Objective F, class Observer>
  auto operator()(const F& f, const Vector<typename F::Scalar>& x0,
                  GradientDescentOptions<typename F::Scalar> options, Observer&& observer) const {
    options.max_iterations -= 1;
    auto result = gradient_descent(f, x0, options, observer);
    result.iterations += 1;
    return result;
  }
};

// True when the run check finds a violation on some generated case.
template <class Optimizer>
bool run_check_turns_red() {
  return !rc::check([] {
    InstanceLadder<Quadratic, QuadraticSpec> ladder(*gen::quadratic({.max_dimension = 10}));
    const auto start = *gen::start_point();
    const double lipschitz = ladder.spec().eigenvalues[0];
    const double step = (2 / lipschitz) * *gen::uniform(0.05, 0.95);
    const auto check = descent_lemma::check_run(ladder, start.realize(ladder.spec().dimension()), step, 20,
                                                Optimizer{});
    if (check.violation) RC_FAIL(check.violated_claim + ": " + check.violation->describe());
  });
}

TEST(BrokenOptimizers, CorrectLibraryStaysGreen) { EXPECT_FALSE(run_check_turns_red<LibraryGradientDescent>()); }
TEST(BrokenOptimizers, StepTooLongByOnePartInAThousandTurnsRed) { EXPECT_TRUE(run_check_turns_red<LongStepGradientDescent>()); }
TEST(BrokenOptimizers, OneFlippedGradientSignTurnsRed) { EXPECT_TRUE(run_check_turns_red<SignFlipGradientDescent>()); }
TEST(BrokenOptimizers, OffByOneIterationCountTurnsRed) { EXPECT_TRUE(run_check_turns_red<OffByOneGradientDescent>()); }

}  // namespace
}  // namespace gdcheck

namespace gdcheck {
namespace {

// Perturbed GD broken two ways: a step of 2 eta (a wrong constant: c/l
// doubled) and an ascent step (a wrong sign). Each must turn the budget run
// check red on a quadratic bowl from a start with a large gradient; the
// library passes the same check.
struct DoubleStepPerturbedGradientDescent {
  template <Objective F, class Observer>
  auto operator()(const F& f, const Vector<typename F::Scalar>& x0,
                  PerturbedGradientDescentOptions<typename F::Scalar> options, Observer&& observer) const {
    options.constants.step *= 2;
    return perturbed_gradient_descent(f, x0, options, observer);
  }
};

struct AscentPerturbedGradientDescent {
  template <Objective F, class Observer>
  auto operator()(const F& f, const Vector<typename F::Scalar>& x0,
                  PerturbedGradientDescentOptions<typename F::Scalar> options, Observer&& observer) const {
    options.constants.step = -options.constants.step;  // bypasses validate(): a hand-broken copy
    PerturbedRunResult<typename F::Scalar> out{{RunStatus::budget_spent, x0, 0, 0, 0}, {}};
    Vector<typename F::Scalar> x = x0, g;
    for (long t = 0; t < 20; ++t) {
      const auto value = f.value_and_gradient(x, g);
      observer(Iterate<typename F::Scalar>{t, x, value, g});
      x -= options.constants.step * g;
      out.run.iterations = t;
    }
    out.run.x = x;
    return out;
  }
};

template <class Optimizer>
Clarity budget_check_clarity(Optimizer optimizer) {
  const Quadratic<double> f(QuadraticSpec{{1.0, 0.5}, RotationSpec{2, 0, 0}});
  PerturbedGradientDescentOptions<double> options;
  options.constants = perturbed_gradient_descent_constants({1.0, 1.0, 0.01, 1.0, 0.1, 10.0, 2});
  Vector<double> x0(2);
  x0 << 3.0, -2.0;
  const auto check = perturbed_gd_budget::check_run(f, x0, options, 0.0, optimizer);
  return check.worst_step.clarity;
}

TEST(BrokenOptimizers, PerturbedGdWithADoubledStepFailsTheBudgetCheck) {
  EXPECT_NE(budget_check_clarity(perturbed_gd_budget::LibraryPerturbedGradientDescent{}), Clarity::violated);
  EXPECT_EQ(budget_check_clarity(DoubleStepPerturbedGradientDescent{}), Clarity::violated);
}

TEST(BrokenOptimizers, PerturbedGdClimbingFailsTheBudgetCheck) {
  EXPECT_EQ(budget_check_clarity(AscentPerturbedGradientDescent{}), Clarity::violated);
}

}  // namespace
}  // namespace gdcheck
