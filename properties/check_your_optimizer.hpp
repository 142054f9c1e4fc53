// Check your own optimizer: the suite's gradient-descent properties run
// against an implementation that is not gdcheck's (docs/check-your-optimizer.md).
//
// Your code sees the objective only through a GradientOracle (plain
// std::vector<double>, no Eigen, no gdcheck types) and returns its iterates;
// an adapter of a few lines (a class satisfying GradientDescentAdapter) is
// all it takes. register_gradient_descent_checks() then adds GoogleTest
// tests, with the same seeds (RC_PARAMS), verdicts and results lines
// (GDCHECK_RESULTS) as the suite's own properties:
//   <suite>.DescentLemmaAndGradientMapOnRandomQuadratics (theorem: descent-lemma)
//     every step of 200-step runs on random quadratics (d <= 50, condition up
//     to 1e6, both signs of curvature) with alpha in (0, 2/L): the iterate is
//     the gradient map x - alpha grad f(x) up to one step's rounding in
//     double, f decreases by at least alpha (1 - L alpha/2) ||grad f||^2, and
//     the run has exactly the steps asked for. Together these imply the
//     lecture's T_eps bound for the run (sum the decreases).
//   <suite>.DescentLemmaOnTheOneDimensionalClass and ...OnSeparableWells:
//     the same on nonconvex families with a global L.
//   <suite>.DescentLemmaAtEveryScale: the wells in other units, 2^a f(2^-b x)
//     from 2^b x0 with a, b spanning double's exponent range, so runs reach
//     the subnormals and the edge of overflow; the bounds there carry
//     underflow terms (lib/scalar/rounding_model.hpp), so a correct GD passes.
// A violation is reported with the claim, the step t, the numbers and the
// instance, and confirmed at 100 digits like every counterexample of gdcheck.
// A GD that computes in float says so (a member `static constexpr
// gdcheck::Precision precision = gdcheck::Precision::float32;` in its
// adapter): it is then handed float starts and steps, "up to one step's
// rounding" means float's (theorems/gradient_map.hpp), and the every-scale
// test spans float's exponent range. Every run must return x_0 = x0 exactly.
//
// Noisy GD (NoisyGradientDescentAdapter, register_noisy_gradient_descent_checks),
// x_{t+1} = x_t - alpha (grad f(x_t) + xi_t), xi_t uniform on the sphere of
// radius r (theory.md section 4), is held to the suite's own noisy-GD claims:
//   <suite>.NoiseIsUniformOnTheSphereOfRadiusR (theorem: noise-law)
//     the noise recovered from the iterates, xi_t = (x_t - alpha grad f(x_t)
//     - x_{t+1}) / alpha, has norm r at every step within the step's
//     rounding, and its directions are uniform (Kolmogorov-Smirnov against
//     the exact law, at level 1e-6 per case).
//   <suite>.EscapesAStrictSaddleToAnEpsSecondOrderPoint
//     (theorem: noisy-gd-escapes-saddles) from a strict saddle, at least 90%
//     of 200 runs end at an eps-SOSP within the stated budget, by the exact
//     binomial test at level 1e-6 per case.
//
// Perturbed GD, Jin et al.'s Algorithm 2 (PerturbedGradientDescentAdapter,
// register_perturbed_gradient_descent_checks; theory.md section 5), is held
// to the suite's PGD claims, with the constants gdcheck hands it:
//   <suite>.FollowsTheEpisodeRulesOfAlgorithm2 (theorem: pgd-episode-rules)
//     every step is the gradient step or a perturbation; a perturbation
//     exactly when ||grad f|| <= g_thres and more than t_thres steps have
//     passed since the last; a return exactly at an episode's end without an
//     f_thres decrease, and of x~ (the point before the perturbation).
//   <suite>.PerturbationIsUniformInTheBallOfRadiusR (theorem: noise-law)
//     from a point with gradient 0, 4000 one-step runs: every perturbation
//     lies in B(0, r) within rounding; its direction and (||xi||/r)^d are
//     uniform (KS, level 1e-6 each per case).
//   <suite>.StopsWithinTheDeterministicBudget (theorem: pgd-deterministic-budget)
//     every step from ||grad f|| > g_thres lowers f by eta g_thres^2/2, and
//     the run returns within Delta/(eta g_thres^2/2) + (Delta/f_thres + 1)(t_thres + 1) steps.
//   <suite>.ReturnsAnEpsSecondOrderPointInAtLeastOneMinusDeltaOfRuns
//     (theorem: pgd-second-order-guarantee) at least 1 - delta = 90% of 200
//     runs return an eps-SOSP, by the exact binomial test at level 1e-6 per case.
//
// SGD on a finite sum f = (1/m) sum_i f_i (StochasticGradientDescentAdapter,
// register_stochastic_gradient_descent_checks; theory.md section 6):
//   <suite>.EveryStepAveragesBUniformlyDrawnComponents (theorem: sgd-batch-law)
//     every step is alpha times the mean of b component gradients within the
//     step's rounding (a multiset of indices with replacement, a b-subset
//     without), and over 3000 steps every index (with replacement) or every
//     b-subset (without) is drawn at its uniform rate, by exact
//     Clopper-Pearson bounds at level 1e-6 per case. The two together make
//     each step an unbiased estimate of the gradient step.
//
// Langevin samplers at a fixed temperature eps, the target pi^eps ~
// exp(-2 f/eps^2) (LangevinSamplerAdapter; theory.md section 7):
//   register_unadjusted_langevin_checks (ULA, x_{t+1} = x_t - alpha grad f(x_t) + eps sqrt(alpha) W_t):
//   <suite>.AddsGaussianNoiseOfScaleEpsSqrtAlpha (theorem: noise-law)
//     the W_t recovered from the states are N(0, I): KS of the pooled
//     coordinates against N(0, 1) at level 1e-6 per case, the threshold
//     widened by the recovery's rounding.
//   register_metropolis_adjusted_langevin_checks (MALA, the same move as a
//   proposal with the Metropolis-Hastings correction):
//   <suite>.StartedFromTheGibbsLawStaysAtIt (theorem: langevin-samples-gibbs)
//     4000 chains, each from an exact sample of pi^eps on a 1-D double well,
//     200 steps at alpha = 0.2/sup|h''| and at 1.5/sup|h''|: the end points
//     pass KS against pi^eps's exact CDF at level 1e-6 each.
//
// SGLD with its schedule (StochasticGradientLangevinAdapter,
// register_stochastic_gradient_langevin_checks; theory.md section 7), with
// exact gradients (no oracle noise):
//   <suite>.AddsGaussianNoiseOfTheScheduledScale (theorem: noise-law)
//     x_{t+1} = x_t - alpha_t grad f(x_t) + beta_t W_t with alpha_t, beta_t
//     the constant or the Gelfand-Mitter schedule (alpha_t = A/t,
//     beta_t^2 = B/(t log log t)): the recovered W_t are N(0, I), as for ULA.
#pragma once

#include <concepts>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "lib/scalar/run_precision.hpp"

namespace gdcheck {

// The objective as your code sees it. value and gradient take and return
// vectors of `dimension` entries.
struct GradientOracle {
  int dimension = 0;
  std::function<double(const std::vector<double>&)> value;
  std::function<std::vector<double>(const std::vector<double>&)> gradient;
};

// One run of your gradient descent: `steps` steps of size `step` from x0,
// returning every iterate x_0, x_1, ..., x_steps (steps + 1 vectors of
// x0.size() entries; a run that stops early returns fewer).
using GradientDescentRun = std::function<std::vector<std::vector<double>>(
    const GradientOracle& f, const std::vector<double>& x0, double step, long steps)>;

template <class A>
concept GradientDescentAdapter =
    requires(const A& adapter, const GradientOracle& f, const std::vector<double>& x0, double step, long steps) {
      { adapter.run(f, x0, step, steps) } -> std::convertible_to<std::vector<std::vector<double>>>;
    };

// Registers the tests above under test suite `suite` (call before
// RUN_ALL_TESTS, e.g. from a namespace-scope initializer). Returns true, so
// that `static const bool registered = register_...(...)` reads naturally.
// Throws std::invalid_argument for an empty suite name or an empty run.
// Your adapter's `run` member as the callback type its registration takes.
template <class Run, class A>
Run run_of(A adapter) {
  return Run([adapter = std::move(adapter)](const auto&... arguments) { return adapter.run(arguments...); });
}

// `precision`: what your GD computes its steps in.
bool register_gradient_descent_checks(const std::string& suite, GradientDescentRun run,
                                      Precision precision = Precision::float64);

// The precision an adapter declares (its `precision` member), double if none.
template <class A>
constexpr Precision declared_precision() {
  if constexpr (requires { Precision{A::precision}; }) {
    return A::precision;
  } else {
    return Precision::float64;
  }
}

// run_of for the adapter kinds checked in double only (all but gradient
// descent): their noise-law, batch-law and episode-rule bounds are
// double's, so an adapter of those kinds that declares float does not compile.
template <class Run, class A>
Run double_run_of(A adapter) {
  static_assert(declared_precision<A>() == Precision::float64,
                "gdcheck checks this adapter kind in double only (float: gradient descent so far); "
                "remove the adapter's precision member");
  return run_of<Run>(std::move(adapter));
}

template <GradientDescentAdapter A>
bool register_gradient_descent_checks(const std::string& suite, A adapter) {
  return register_gradient_descent_checks(suite, run_of<GradientDescentRun>(std::move(adapter)),
                                          declared_precision<A>());
}

// One run of your noisy GD: `steps` steps of size `step` from x0 with noise
// of norm `radius`, drawn by your own generator seeded with `seed` (the run
// must be a function of its arguments, so a gdcheck seed replays it), returning
// x_0, ..., x_steps. It is called from several threads at once, one run each:
// keep no state shared between calls.
using NoisyGradientDescentRun = std::function<std::vector<std::vector<double>>(
    const GradientOracle& f, const std::vector<double>& x0, double step, double radius, long steps,
    std::uint64_t seed)>;

template <class A>
concept NoisyGradientDescentAdapter = requires(const A& adapter, const GradientOracle& f, const std::vector<double>& x0,
                                               double step, double radius, long steps, std::uint64_t seed) {
  { adapter.run(f, x0, step, radius, steps, seed) } -> std::convertible_to<std::vector<std::vector<double>>>;
};

// Registers the noisy-GD tests above under `suite`, as for gradient descent.
bool register_noisy_gradient_descent_checks(const std::string& suite, NoisyGradientDescentRun run);

template <NoisyGradientDescentAdapter A>
bool register_noisy_gradient_descent_checks(const std::string& suite, A adapter) {
  return register_noisy_gradient_descent_checks(suite, double_run_of<NoisyGradientDescentRun>(std::move(adapter)));
}

// What Algorithm 2 is run with: its derived constants (Jin et al. 2017;
// t_thres rounded up to whole steps), a safety budget and the perturbations' seed.
struct PerturbedGradientDescentSettings {
  double step = 0;                // eta = c / l
  double radius = 0;              // r: perturbations uniform in the ball B(0, r)
  double gradient_threshold = 0;  // g_thres
  double function_threshold = 0;  // f_thres
  long time_threshold = 0;        // t_thres, in steps
  long max_iterations = 0;        // stop after this many steps if Algorithm 2 has not returned
  std::uint64_t seed = 0;         // seed your generator with it: a gdcheck seed replays the run
};

// What one run of your PGD returns.
struct PerturbedGradientDescentTrace {
  // x_0, x_1, ..., x_T: every point the run reached, where after a
  // perturbation at step t, x_t is the perturbed point x~ + xi (x_0 too, when
  // the run perturbs at its start). When the run returns, x_T is the point of
  // the episode's end at which it decided to return.
  std::vector<std::vector<double>> iterates;
  // The steps t at which the run perturbed, if your implementation reports
  // them; then every other step must be the gradient step and every listed
  // one must not be. Without them a step off the gradient step beyond its
  // rounding is read as a perturbation (a perturbation of norm within
  // rounding, probability (1e-16 |x| / r)^d, would be read as none).
  std::optional<std::vector<long>> perturbation_times;
  // The point Algorithm 2 returned (x~ of the last episode), or none when
  // the run stopped at max_iterations.
  std::optional<std::vector<double>> returned;
};

using PerturbedGradientDescentRun = std::function<PerturbedGradientDescentTrace(
    const GradientOracle& f, const std::vector<double>& x0, const PerturbedGradientDescentSettings& settings)>;

template <class A>
concept PerturbedGradientDescentAdapter =
    requires(const A& adapter, const GradientOracle& f, const std::vector<double>& x0,
             const PerturbedGradientDescentSettings& settings) {
      { adapter.run(f, x0, settings) } -> std::convertible_to<PerturbedGradientDescentTrace>;
    };

// Registers the PGD tests above under `suite`, as for gradient descent. Runs
// are called from several threads at once: keep no state shared between calls.
bool register_perturbed_gradient_descent_checks(const std::string& suite, PerturbedGradientDescentRun run);

template <PerturbedGradientDescentAdapter A>
bool register_perturbed_gradient_descent_checks(const std::string& suite, A adapter) {
  return register_perturbed_gradient_descent_checks(suite, double_run_of<PerturbedGradientDescentRun>(std::move(adapter)));
}

// A finite sum f = (1/m) sum_i f_i as your SGD sees it: component i's value
// and gradient, i in 0..components-1, on vectors of `dimension` entries.
struct FiniteSumOracle {
  int dimension = 0;
  int components = 0;  // m
  std::function<double(int, const std::vector<double>&)> component_value;
  std::function<std::vector<double>(int, const std::vector<double>&)> component_gradient;
};

struct StochasticGradientDescentSettings {
  double step = 0;                // alpha
  int batch_size = 1;             // b, 1 <= b < m
  bool with_replacement = true;   // b independent uniform indices; otherwise a uniform b-subset
  long steps = 0;                 // N
  std::uint64_t seed = 0;         // seed your generator with it: a gdcheck seed replays the run
};

// One run of your SGD: `steps` steps x <- x - alpha (1/b) sum_{i in B_t}
// grad f_i(x) from x0, returning x_0, ..., x_N.
using StochasticGradientDescentRun = std::function<std::vector<std::vector<double>>(
    const FiniteSumOracle& f, const std::vector<double>& x0, const StochasticGradientDescentSettings& settings)>;

template <class A>
concept StochasticGradientDescentAdapter =
    requires(const A& adapter, const FiniteSumOracle& f, const std::vector<double>& x0,
             const StochasticGradientDescentSettings& settings) {
      { adapter.run(f, x0, settings) } -> std::convertible_to<std::vector<std::vector<double>>>;
    };

// Registers the SGD test above under `suite`, as for gradient descent.
bool register_stochastic_gradient_descent_checks(const std::string& suite, StochasticGradientDescentRun run);

template <StochasticGradientDescentAdapter A>
bool register_stochastic_gradient_descent_checks(const std::string& suite, A adapter) {
  return register_stochastic_gradient_descent_checks(suite, double_run_of<StochasticGradientDescentRun>(std::move(adapter)));
}

struct LangevinSettings {
  double step = 0;         // alpha
  double temperature = 0;  // eps: the noise is eps sqrt(alpha) W_t, the target exp(-2 f / eps^2)
  long steps = 0;          // N (MALA: proposals, accepted or not)
  std::uint64_t seed = 0;  // seed your generator with it: a gdcheck seed replays the run
};

// One run of your sampler: `steps` steps from x0, returning the states
// x_0, ..., x_N (a rejected MALA proposal repeats the state). Called from
// several threads at once: keep no state shared between calls.
using LangevinSamplerRun = std::function<std::vector<std::vector<double>>(
    const GradientOracle& f, const std::vector<double>& x0, const LangevinSettings& settings)>;

template <class A>
concept LangevinSamplerAdapter =
    requires(const A& adapter, const GradientOracle& f, const std::vector<double>& x0,
             const LangevinSettings& settings) {
      { adapter.run(f, x0, settings) } -> std::convertible_to<std::vector<std::vector<double>>>;
    };

// Registers the ULA test above under `suite`, as for gradient descent.
bool register_unadjusted_langevin_checks(const std::string& suite, LangevinSamplerRun run);
// Registers the MALA test above under `suite`.
bool register_metropolis_adjusted_langevin_checks(const std::string& suite, LangevinSamplerRun run);

template <LangevinSamplerAdapter A>
bool register_unadjusted_langevin_checks(const std::string& suite, A adapter) {
  return register_unadjusted_langevin_checks(suite, double_run_of<LangevinSamplerRun>(std::move(adapter)));
}
template <LangevinSamplerAdapter A>
bool register_metropolis_adjusted_langevin_checks(const std::string& suite, A adapter) {
  return register_metropolis_adjusted_langevin_checks(suite, double_run_of<LangevinSamplerRun>(std::move(adapter)));
}

// SGLD's schedule: constant (alpha_t = step, beta_t = noise) or
// Gelfand-Mitter (alpha_t = step / t, beta_t = sqrt(noise / (t log log t)),
// with t = first_time + k at step k).
struct StochasticGradientLangevinSettings {
  bool gelfand_mitter = false;
  double step = 0;         // alpha, or A
  double noise = 0;        // beta, or B
  long first_time = 16;    // Gelfand-Mitter's t at step 0 (>= 16, where log log t > 0)
  long steps = 0;          // N
  std::uint64_t seed = 0;  // seed your generator with it: a gdcheck seed replays the run
};

// One run of your SGLD (exact gradients: the oracle's): x_0, ..., x_N.
using StochasticGradientLangevinRun = std::function<std::vector<std::vector<double>>(
    const GradientOracle& f, const std::vector<double>& x0, const StochasticGradientLangevinSettings& settings)>;

template <class A>
concept StochasticGradientLangevinAdapter =
    requires(const A& adapter, const GradientOracle& f, const std::vector<double>& x0,
             const StochasticGradientLangevinSettings& settings) {
      { adapter.run(f, x0, settings) } -> std::convertible_to<std::vector<std::vector<double>>>;
    };

// Registers the SGLD test above under `suite`, as for gradient descent.
bool register_stochastic_gradient_langevin_checks(const std::string& suite, StochasticGradientLangevinRun run);

template <StochasticGradientLangevinAdapter A>
bool register_stochastic_gradient_langevin_checks(const std::string& suite, A adapter) {
  return register_stochastic_gradient_langevin_checks(suite, double_run_of<StochasticGradientLangevinRun>(std::move(adapter)));
}

}  // namespace gdcheck
