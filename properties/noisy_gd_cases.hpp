// The cases of noisy GD's properties, over any implementation of it: the
// suite's own (properties/noise_law.cpp, noisy_gradient_descent.cpp) and a
// user's through its adapter (check_your_optimizer.hpp). One piece of code,
// so that a user's noisy GD is held to exactly the claims, generators, case
// counts and false-alarm rates of the library's.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "lib/objectives/any_objective.hpp"
#include "lib/optimizers/noisy_gradient_descent.hpp"
#include "properties/second_order_runs.hpp"
#include "theorems/noise_law.hpp"

namespace gdcheck {

// A noisy GD: runs options.max_iterations steps of x_{t+1} = x_t - alpha
// (grad f(x_t) + xi_t), xi_t uniform on the sphere of radius
// options.noise_radius drawn from options.seed, showing each iterate to the
// observer, if one is given (an empty one: the caller needs only the
// returned point). Called from several threads at once (each call its own run).
using NoisyGradientDescentImplementation = std::function<RunResult<double>(
    const AnyObjective<double>& f, const Vector<double>& x0, const NoisyGradientDescentOptions<double>& options,
    const std::function<void(const Iterate<double>&)>& observer)>;

// The library's noisy_gradient_descent.
NoisyGradientDescentImplementation library_noisy_gradient_descent();

// The theorem the escape property checks (theory.md section 4, Ge et al. 2015).
inline constexpr std::string_view kNoisyGdEscapeTheorem = "noisy-gd-escapes-saddles";

// Per case, each KS claim of the noise law fails a correct implementation
// with probability at most kNoiseLawLevel (DKW); the norm claims never do.
inline constexpr double kNoiseLawLevel = 1e-6;

// Steps (noise samples) per case of "noise-law/noisy-gd-sphere".
inline constexpr long kNoisyGdNoiseSteps = 4000;

// One case of "noise-law/noisy-gd-sphere": on a random convex quadratic
// (d = 2..12), kNoisyGdNoiseSteps steps from the minimiser; every step's
// recovered noise has norm r within its rounding bound and the directions
// are uniform.
void noisy_gd_noise_case(const NoisyGradientDescentImplementation& noisy_gd);

// The escape runs' step and budget for an instance with strict saddles.
struct NoisyRunPlan {
  double step = 0;
  long budget = 0;
};
NoisyRunPlan noisy_run_plan(const SaddleInstance& s);
// Runs per escape case: 200 (2000 with --deep).
long noisy_escape_runs();

// One case of "noisy-gd/escapes-to-eps-sosp": from a strict saddle of random
// separable wells, 200 runs (2000 with --deep) of the planned step and
// budget; the success rate of reaching an eps-SOSP must be consistent with
// >= 0.9 by the exact binomial test at level 1e-6. `noise_loss`: the
// probability with which a planted bug drops a run's noise (0: none).
void noisy_gd_escape_case(const NoisyGradientDescentImplementation& noisy_gd, double noise_loss = 0);

// Records a noise-law reading in the property log (false-alarm rate, power,
// ratios) and fails the case with a message naming the broken claim.
// `what` names the optimizer ("noisy GD", "PGD", ...; "PGD" is judged as a
// ball's law: two KS tests, norm claim ||xi|| <= r), `setting` its parameters.
void report_noise_law(const noise_law::LawReading& reading, int dimension, const std::string& what,
                      const std::string& setting);

// The power of a direction test (`samples` samples, rejecting above
// `threshold`): the smallest stretch of the law along the test's unit it
// rejects with probability >= kDetectionPower. Logged and returned.
double detectable_stretch(int dimension, long samples, double threshold);
// The power of PGD's radial test: the smallest shrink of the ball.
double detectable_shrink(int dimension, long samples, double threshold);

// A uniformly random unit vector of R^d, from a seed.
Vector<double> random_unit(int dimension, std::uint64_t seed);

}  // namespace gdcheck
