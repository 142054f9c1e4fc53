// Regression value: deliberately broken optimizers (kept here, not in lib/)
// must each turn a run check red: gradient descents the descent-lemma check,
// perturbed GDs the budget check, noisy GDs and PGDs with the wrong noise
// the noise-law checks. ctest label: negative-control.
#include <gtest/gtest.h>
#include <rapidcheck.h>

#include "lib/objectives/quadratic.hpp"
#include "properties/generators.hpp"
#include "theorems/descent_lemma.hpp"
#include "lib/objectives/finite_sums.hpp"
#include "theorems/noise_law.hpp"
#include "theorems/sgd_batch_law.hpp"
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

// Noisy GD and PGD with their noise changed (the library's loops, one line
// different each): the noise-law checks (theorems/noise_law.hpp, the
// NoiseLaw_Statistical properties) must see each.
enum class NoiseBug { none, ball_instead_of_sphere, noise_outside_the_step, half_radius };

template <NoiseBug bug>
struct NoisyGdVariant {
  template <Objective F, class Observer>
  RunResult<double> operator()(const F& f, const Vector<double>& x0, const NoisyGradientDescentOptions<double>& options,
                               Observer&& observer) const {
    Rng rng(options.seed);
    RunResult<double> result{RunStatus::budget_spent, x0, 0, 0, 0};
    Vector<double>& x = result.x;
    Vector<double> g(x.size());
    const double radius = static_cast<double>(options.noise_radius) * (bug == NoiseBug::half_radius ? 0.5 : 1.0);
    for (long t = 0;; ++t) {
      if (evaluate_and_observe(f, t, observer, result, g)) return result;
      if (t == options.max_iterations) return result;
      const int d = static_cast<int>(x.size());
      const Vector<double> noise =
          bug == NoiseBug::ball_instead_of_sphere ? uniform_in_ball(rng, d, radius) : uniform_on_sphere(rng, d, radius);
      if (bug == NoiseBug::noise_outside_the_step) {
        x -= options.step * g + noise;
      } else {
        x.noalias() -= options.step * (g + noise);
      }
    }
  }
};

enum class PerturbationBug { none, sphere_instead_of_ball, doubled_radius, gaussian };

template <PerturbationBug bug>
struct PgdVariant {
  template <Objective F, class Observer>
  PerturbedRunResult<double> operator()(const F& f, const Vector<double>& x0,
                                        const PerturbedGradientDescentOptions<double>& options, Observer&& observer) const {
    const auto& k = options.constants;
    Rng rng(options.seed);
    PerturbedRunResult<double> out{{RunStatus::budget_spent, x0, 0, 0, 0}, {}};
    Vector<double>& x = out.run.x;
    Vector<double> g(x.size());
    const int d = static_cast<int>(x.size());
    long t_noise = -k.time_threshold_steps() - 1;
    for (long t = 0;; ++t) {
      double value = f.value_and_gradient(x, g);
      if (g.norm() <= k.gradient_threshold && t - t_noise > k.time_threshold_steps()) {
        const Vector<double> x_tilde = x;
        t_noise = t;
        switch (bug) {
          case PerturbationBug::none: x += uniform_in_ball(rng, d, k.radius); break;
          case PerturbationBug::sphere_instead_of_ball: x += uniform_on_sphere(rng, d, k.radius); break;
          case PerturbationBug::doubled_radius: x += uniform_in_ball(rng, d, 2 * k.radius); break;
          case PerturbationBug::gaussian:
            for (int i = 0; i < d; ++i) x(i) += rng.normal() * k.radius / std::sqrt(double(d));
            break;
        }
        value = f.value_and_gradient(x, g);
        out.episodes.push_back({t, x_tilde, value, value, false});
      }
      observer(Iterate<double>{t, x, value, g});
      if (t == options.max_iterations) return out;
      x -= k.step * g;
    }
  }
};

const Quadratic<double>& noise_test_objective() {
  static const Quadratic<double> f(QuadraticSpec{{2.0, 1.0, 0.5, 0.25, 0.1}, RotationSpec{5, 5, 17}});
  return f;
}

template <class Optimizer>
noise_law::LawReading noisy_gd_noise(Optimizer optimizer) {
  NoisyGradientDescentOptions<double> options;
  options.step = 0.1;
  options.noise_radius = 0.3;
  options.max_iterations = 4000;
  options.seed = 99;
  Vector<double> unit = Vector<double>::Ones(5) / std::sqrt(5.0);
  return noise_law::check_noisy_gd(noise_test_objective(), Vector<double>::Zero(5), options, unit, 1e-6, optimizer);
}

template <class Optimizer>
noise_law::LawReading pgd_perturbation(Optimizer optimizer) {
  PerturbedGradientDescentOptions<double> options;
  options.constants = {1, 0.2, 0.3, 1, 1, 1};
  Vector<double> unit = Vector<double>::Ones(5) / std::sqrt(5.0);
  return noise_law::check_pgd_perturbation(noise_test_objective(), Vector<double>::Zero(5), options, 4000, 7, unit,
                                           1e-6, optimizer);
}

TEST(BrokenOptimizers, CorrectNoiseStaysGreen) {
  EXPECT_TRUE(noisy_gd_noise(LibraryNoisyGradientDescent{}).holds());
  EXPECT_TRUE(noisy_gd_noise(NoisyGdVariant<NoiseBug::none>{}).holds());
  EXPECT_TRUE(pgd_perturbation(LibraryPerturbedGradientDescent{}).holds());
  EXPECT_TRUE(pgd_perturbation(PgdVariant<PerturbationBug::none>{}).holds());
}

TEST(BrokenOptimizers, NoisyGdDrawingFromTheBallFailsTheNormClaim) {
  EXPECT_TRUE(noisy_gd_noise(NoisyGdVariant<NoiseBug::ball_instead_of_sphere>{}).norm_violation);
}

TEST(BrokenOptimizers, NoisyGdAddingNoiseOutsideTheStepFailsTheNormClaim) {
  EXPECT_TRUE(noisy_gd_noise(NoisyGdVariant<NoiseBug::noise_outside_the_step>{}).norm_violation);
}

TEST(BrokenOptimizers, NoisyGdWithHalfTheRadiusFailsTheNormClaim) {
  EXPECT_TRUE(noisy_gd_noise(NoisyGdVariant<NoiseBug::half_radius>{}).norm_violation);
}

TEST(BrokenOptimizers, PgdPerturbingOnTheSphereFailsTheRadialLaw) {
  const auto reading = pgd_perturbation(PgdVariant<PerturbationBug::sphere_instead_of_ball>{});
  EXPECT_FALSE(reading.norm_violation);  // on the sphere is inside the closed ball
  EXPECT_FALSE(reading.radial_uniform());
}

TEST(BrokenOptimizers, PgdWithADoubledRadiusFailsTheNormClaim) {
  EXPECT_TRUE(pgd_perturbation(PgdVariant<PerturbationBug::doubled_radius>{}).norm_violation);
}

TEST(BrokenOptimizers, PgdWithGaussianPerturbationsFailsTheBallLaw) {
  EXPECT_FALSE(pgd_perturbation(PgdVariant<PerturbationBug::gaussian>{}).holds());
}

// SGD with its batch rule or index law changed (the library's loop, with
// replacement, one line different each): sgd_batch_law::check_run, the check
// of SgdBatchLaw_Statistical, must see each.
enum class BatchBug { none, mean_over_m, sum_not_mean, last_index_never_drawn };

template <BatchBug bug>
struct SgdVariant {
  template <FiniteSum F, class Observer>
  RunResult<double> operator()(const F& f, const Vector<double>& x0, const StochasticGradientDescentOptions<double>& options,
                               Observer&& observer) const {
    Rng rng(options.seed);
    RunResult<double> result{RunStatus::budget_spent, x0, 0, 0, 0};
    Vector<double>& x = result.x;
    Vector<double> g(x.size()), component(x.size()), batch_gradient(x.size());
    const int m = f.components(), b = options.batch_size;
    std::vector<int> batch, scratch;
    for (long t = 0;; ++t) {
      if (evaluate_and_observe(f, t, observer, result, g)) return result;
      if (t == options.max_iterations) return result;
      draw_batch(rng, bug == BatchBug::last_index_never_drawn ? m - 1 : m, b, options.sampling, batch, scratch);
      batch_gradient.setZero();
      for (const int i : batch) {
        f.component_value_and_gradient(i, x, component);
        batch_gradient += component;
      }
      const double divisor = bug == BatchBug::mean_over_m ? m : bug == BatchBug::sum_not_mean ? 1 : b;
      x.noalias() -= (options.step / divisor) * batch_gradient;
    }
  }
};

template <class Optimizer>
sgd_batch_law::LawReading sgd_batches(Optimizer optimizer) {
  static const LeastSquares<double> f(LeastSquaresSpec{5, 3, 0.1, 21});
  StochasticGradientDescentOptions<double> options;
  options.batch_size = 2;
  options.step = 0.5 / f.component_gradient_lipschitz().value;
  options.max_iterations = 3000;
  options.seed = 5;
  return sgd_batch_law::check_run(f, Vector<double>::Constant(3, 0.3), options, 1e-6, optimizer);
}

TEST(BrokenOptimizers, CorrectSgdStaysGreen) {
  EXPECT_TRUE(sgd_batches(sgd_batch_law::LibraryStochasticGradientDescent{}).holds());
  EXPECT_TRUE(sgd_batches(SgdVariant<BatchBug::none>{}).holds());
}

TEST(BrokenOptimizers, SgdAveragingOverMInsteadOfBFailsTheStepRule) {
  EXPECT_TRUE(sgd_batches(SgdVariant<BatchBug::mean_over_m>{}).rule_violation);
}

TEST(BrokenOptimizers, SgdSummingInsteadOfAveragingFailsTheStepRule) {
  EXPECT_TRUE(sgd_batches(SgdVariant<BatchBug::sum_not_mean>{}).rule_violation);
}

TEST(BrokenOptimizers, SgdNeverDrawingTheLastIndexFailsTheIndexLaw) {
  const auto reading = sgd_batches(SgdVariant<BatchBug::last_index_never_drawn>{});
  EXPECT_FALSE(reading.rule_violation);
  EXPECT_GE(reading.skewed_index, 0);
}

}  // namespace
}  // namespace gdcheck
