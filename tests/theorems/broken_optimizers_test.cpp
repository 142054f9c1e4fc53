// Regression value: deliberately broken gradient descents (kept here, not in
// lib/) must each turn the descent-lemma run check red on random quadratics.
// ctest label: negative-control.
#include <gtest/gtest.h>
#include <rapidcheck.h>

#include "lib/objectives/quadratic.hpp"
#include "properties/generators.hpp"
#include "theorems/descent_lemma.hpp"

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
