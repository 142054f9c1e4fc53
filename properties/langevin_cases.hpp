// The cases of the fixed-temperature Langevin samplers' properties, over any
// implementation: the suite's own (properties/langevin_sampling.cpp,
// noise_law.cpp) and a user's through its adapter (check_your_optimizer.hpp).
// One piece of code, so that a user's ULA or MALA is held to exactly the
// claims, generators, case counts and false-alarm rates of the library's.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "lib/objectives/any_objective.hpp"
#include "lib/objectives/quadratic.hpp"
#include "lib/objectives/well_piece.hpp"
#include "lib/optimizers/langevin.hpp"
#include "lib/optimizers/stochastic_gradient_langevin.hpp"
#include "properties/generators.hpp"
#include "theorems/langevin_sampling.hpp"
#include "theorems/noise_law.hpp"

namespace gdcheck {

// A sampler at a fixed temperature: options.max_iterations steps (ULA, or
// MALA's proposals and their acceptance, by options.metropolis_adjusted)
// from x0 with noise drawn from options.seed, showing the observer every
// state, if one is given (an empty one: the caller needs only the last).
// Called from several threads at once (each call its own run).
using LangevinImplementation = std::function<LangevinRun<double>(
    const AnyObjective<double>& f, const Vector<double>& x0, const LangevinOptions<double>& options,
    const std::function<void(const Iterate<double>&)>& observer)>;

// The library's langevin.
LangevinImplementation library_langevin();

// --- MALA keeps pi^eps (theorems/langevin_sampling.hpp) ---

// Independent chains per case, and the KS test's false-alarm probability per
// test: a correct MALA fails one KS test with probability <= 1e-6 (DKW), a
// case (two steps, two tests) with <= 2e-6, a run (kGibbsCases cases) with <= kGibbsCases * 2e-6.
inline constexpr long kGibbsChains = 4000;
inline constexpr double kGibbsLevel = 1e-6;
inline constexpr int kGibbsCases = 5;

// A double well at a temperature where rejection sampling is cheap: c
// log-uniform in [0.5, 2], s = c (1 + r), r in [0.5, 2], tilt t = u (s - c)/4,
// u in [-1, 1]; eps^2 log-uniform in [s/2, 2 s] (so lambda s in [1, 4]).
struct GibbsCase {
  WellPieceSpec well;
  double temperature;
};
rc::Gen<GibbsCase> gibbs_cases();
std::string describe(const GibbsCase& c);

// Step alpha = fraction / sup |h''|, 200 steps.
LangevinOptions<double> gibbs_sampler_options(const GibbsCase& c, double step_fraction, bool adjusted,
                                              double temperature);

// Chains first..last-1's sorted end points and digest (langevin_sampling::chain_ends) for `sampler`.
langevin_sampling::ChainEnds gibbs_chain_ends(const GibbsCase& c, double temperature, const LangevinOptions<double>& options,
                                              std::uint64_t seed, std::pair<long, long> chains,
                                              const LangevinImplementation& sampler);

struct KsReading {
  double distance, threshold;
};
// Kolmogorov-Smirnov of sorted end points against pi^eps, at kGibbsLevel.
KsReading ks_against_gibbs(const GibbsCase& c, const std::vector<double>& sorted);

// The power of a case's test: the smallest relative error x in the
// temperature (a sampler of pi^{eps (1 + x)} for pi^eps) that it rejects with
// probability >= kDetectionPower. Logged and returned.
double detectable_temperature_error(const GibbsCase& c, double threshold);

// One case of "langevin/mala-keeps-gibbs": kGibbsChains chains, each from
// an exact sample of pi^eps, 200 steps at alpha = 0.2/sup|h''| and at
// 1.5/sup|h''|: the end points pass KS against pi^eps at both.
void mala_keeps_gibbs_case(const LangevinImplementation& mala);

// --- ULA's Gaussian increments (theorems/noise_law.hpp) ---

// Steps per ULA or SGLD noise case (d coordinates each).
inline constexpr long kLangevinNoiseSteps = 4000;

// ULA (unadjusted) on an objective with gradient Lipschitz constant L:
// alpha L in [0.01, 1], eps in [1e-2, 10], kLangevinNoiseSteps steps.
LangevinOptions<double> ula_options(double gradient_lipschitz);

// Records a Gaussian-increment reading in the property log (false-alarm
// rate, power, ratio) and fails the case naming what was off; `what` names
// the sampler, `setting` its parameters.
void report_gaussian_law(const noise_law::GaussianReading& reading, const std::string& what,
                         const std::string& setting);

// The power of a Gaussian-increment test: the smallest error in the scale. Logged and returned.
double detectable_scale_error(long samples, double threshold);

// One case of "noise-law/ula-gaussian": ULA on a random convex quadratic
// (d <= 12) from its minimiser; every step adds eps sqrt(alpha) W_t, W_t ~
// N(0, I) (KS of the pooled recovered W against N(0, 1), level 1e-6).
void ula_gaussian_case(const LangevinImplementation& ula);

// ula_gaussian_case's reading: noise_law::check_ula of `ula` from the
// quadratic's minimiser 0 at kNoiseLawLevel, compiled once here, also for
// the control that plants a bug in the library's ULA (properties/noise_law.cpp).
noise_law::GaussianReading ula_increments_reading(const ErasedObjective<Quadratic<double>>& f,
                                                  const LangevinOptions<double>& options,
                                                  const LangevinImplementation& ula);

// --- SGLD's Gaussian increments at the scheduled scale (theorems/noise_law.hpp) ---

// An SGLD: options.max_iterations steps x_{t+1} = x_t - alpha_t (grad f(x_t)
// + xi_t) + beta_t W_t on options' schedule, showing the observer every
// iterate. Called from one thread per case.
using StochasticGradientLangevinImplementation = std::function<RunResult<double>(
    const AnyObjective<double>& f, const Vector<double>& x0, const StochasticGradientLangevinOptions& options,
    const std::function<void(const Iterate<double>&)>& observer)>;

// The library's stochastic_gradient_langevin.
StochasticGradientLangevinImplementation library_stochastic_gradient_langevin();

// SGLD on an objective with gradient Lipschitz constant L, with the constant
// or the Gelfand-Mitter schedule (the clock started at t0 in [16, 1000]),
// alpha_0 L in [0.01, 1], no noise yet (B = Q = 0), kLangevinNoiseSteps steps.
StochasticGradientLangevinOptions sgld_options(double gradient_lipschitz);
std::string describe(const StochasticGradientLangevinOptions& options, int dimension);

// One case of "noise-law/sgld-gaussian": SGLD without oracle noise (Q = 0),
// B log-uniform in [1e-3, 10], on a random convex quadratic (d <= 12) from
// its minimiser: every step adds beta_t W_t, beta_t from theory.md's
// schedule, W_t ~ N(0, I) (KS of the pooled recovered W, level 1e-6). The
// drift alpha_t is the schedule's too: a wrong one shifts the recovered W.
void sgld_gaussian_case(const StochasticGradientLangevinImplementation& sgld);

// The same for SGLD: noise_law::check_sgld (sgld_gaussian_case's reading) and
// check_sgld_oracle along `unit`, from 0 at kNoiseLawLevel.
noise_law::GaussianReading sgld_increments_reading(const ErasedObjective<Quadratic<double>>& f,
                                                   const StochasticGradientLangevinOptions& options,
                                                   const StochasticGradientLangevinImplementation& sgld);
noise_law::LawReading sgld_oracle_reading(const ErasedObjective<Quadratic<double>>& f,
                                          const StochasticGradientLangevinOptions& options, const Vector<double>& unit,
                                          const StochasticGradientLangevinImplementation& sgld);

}  // namespace gdcheck
