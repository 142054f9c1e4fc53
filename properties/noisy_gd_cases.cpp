#include "properties/case_readings.hpp"
#include "properties/noisy_gd_cases.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "lib/objectives/quadratic.hpp"
#include "lib/run_digest.hpp"
#include "lib/optimizers/gradient_descent.hpp"
#include "lib/random.hpp"
#include "properties/generators.hpp"
#include "properties/library_implementation.hpp"
#include "properties/objective_generators.hpp"
#include "properties/property.hpp"
#include "properties/second_order_runs.hpp"
#include "theorems/detectable_effect.hpp"

namespace gdcheck {

// The step and budget are stated (Ge et al. give only poly(d/eps)):
//  - alpha = 2 eps^2 / (9 l): near a minimum the noise keeps ||grad f|| at
//    about sqrt(alpha l / 2) = eps/3 (stationary variance of the linearised
//    recursion, alpha lambda / (2 d) per coordinate, summed over d);
//  - T = 4 log(4/alpha) / (alpha lambda_weak), lambda_weak the smaller of the
//    weakest negative curvature at a saddle and the weakest positive one at a
//    minimum: four times the linearised time to grow from the noise's size
//    alpha to O(1) away from the saddle, or to contract as much near a minimum.
NoisyRunPlan noisy_run_plan(const SaddleInstance& s) {
  NoisyRunPlan plan;
  plan.step = 2 * s.epsilon * s.epsilon / (9 * s.lipschitz);
  const double weak = std::min(s.weakest_negative, s.weakest_positive);
  plan.budget = static_cast<long>(std::ceil(4 * std::log(4 / plan.step) / (plan.step * weak)));
  return plan;
}

long noisy_escape_runs() { return deep_mode() ? 2000 : 200; }

NoisyGradientDescentImplementation library_noisy_gradient_descent() {
  return library_implementation(LibraryNoisyGradientDescent{});
}

Vector<double> random_unit(int dimension, std::uint64_t seed) {
  Rng rng(seed);
  Vector<double> v(dimension);
  do {
    for (double& entry : v) entry = rng.normal();
  } while (!(v.norm() > 0));
  return v / v.norm();
}

double detectable_stretch(int dimension, long samples, double threshold) {
  return log_detectable_effect("direction along the test unit", "stretched by 1 + x along the unit", samples, threshold,
                               [dimension](double x) { return stretched_direction_distance(dimension, x); }, 100);
}

double detectable_shrink(int dimension, long samples, double threshold) {
  return log_detectable_effect("radius law (||xi||/r)^d", "ball radius r (1 - x) for r", samples, threshold,
                               [dimension](double x) { return shrunk_ball_distance(dimension, x); }, 1 - 1e-9);
}

void report_noise_law(const noise_law::LawReading& reading, int dimension, const std::string& what,
                      const std::string& setting) {
  const bool pgd = what == "PGD";  // a ball, not a sphere: two KS tests, and the norm claim is ||xi|| <= r
  property_log().field("false_alarm_per_case", json_number(kNoiseLawLevel * (pgd ? 2 : 1)));
  property_log().field("digest", digest_text(reading.digest));  // the last case's recovered noise
  if (reading.samples > 0) detectable_stretch(dimension, reading.samples, reading.direction_threshold);
  if (reading.radial_threshold > 0) detectable_shrink(dimension, reading.samples, reading.radial_threshold);
  property_log().ratio(reading.direction_distance / reading.direction_threshold);
  if (reading.radial_threshold > 0) property_log().ratio(reading.radial_distance / reading.radial_threshold);
  std::ostringstream text;
  if (reading.norm_violation) {
    text << what << "'s noise at sample " << reading.violating_sample << " has the wrong norm: "
         << reading.norm_violation->describe() << " (lhs: " << (pgd ? "||xi||" : "| ||xi|| - r |")
         << ", rhs: its bound); " << setting;
    RC_FAIL(text.str());
  }
  if (!reading.direction_uniform()) {
    text << what << "'s noise directions are not uniform: KS distance of (xi.e/||xi||)^2 against Beta(1/2, (d-1)/2) "
         << reading.direction_distance << " > DKW threshold " << reading.direction_threshold << " at level "
         << kNoiseLawLevel << "/(d + 1) (e: the random unit and the d axes)"
         << " (" << reading.samples << " samples); " << setting;
    RC_FAIL(text.str());
  }
  if (!reading.radial_uniform()) {
    text << what << "'s perturbation radii do not have the ball's law: KS distance of (||xi||/r)^d against U(0, 1) "
         << reading.radial_distance << " > DKW threshold " << reading.radial_threshold << " at level "
         << kNoiseLawLevel << " (" << reading.samples << " samples); " << setting;
    RC_FAIL(text.str());
  }
}

void noisy_gd_noise_case(const NoisyGradientDescentImplementation& noisy_gd) {
  property_log().no_runs_yet();
  const QuadraticSpec spec = *gen::quadratic({.min_dimension = 2, .max_dimension = 12, .allow_negative = false});
  InstanceLadder<Quadratic, QuadraticSpec> ladder(spec);
  const AnyObjective<double>& f = static_cast<ObjectiveLadder&>(ladder).at<double>();
  NoisyGradientDescentOptions<double> options;
  options.step = *gen::uniform(0.01, 1.0) / f.gradient_lipschitz()->value;
  options.noise_radius = *gen::log_uniform(1e-3, 10.0);
  options.max_iterations = kNoisyGdNoiseSteps;
  options.seed = *gen::seed();
  const Vector<double> unit = random_unit(f.dimension(), *gen::seed());
  // One run's steps: the case is computed whole, by one shard when sharded (case_readings.hpp).
  const auto reading = case_reading(options.seed, [&] {
    return noise_law::check_noisy_gd(f, Vector<double>::Zero(f.dimension()), options, unit, kNoiseLawLevel, noisy_gd);
  }, law_reading);
  if (!reading) return;  // a shard: this case's reading is in the line, or another shard's to compute
  std::ostringstream setting;
  setting << "alpha = " << options.step << ", r = " << options.noise_radius << ", seed " << options.seed
          << ", d = " << f.dimension();
  report_noise_law(*reading, f.dimension(), "noisy GD", setting.str());
}

void noisy_gd_escape_case(const NoisyGradientDescentImplementation& noisy_gd, double noise_loss) {
  property_log().no_runs_yet();
  WellsLadder ladder(*gen::strong_saddle_wells(2, 4));
  const auto& f = ladder.at<double>();
  f.lower_bound();  // roots solved before the threads share f
  const AnyObjective<double>& any = static_cast<ObjectiveLadder&>(ladder).at<double>();
  const SaddleInstance s = saddle_instance(f);
  const NoisyRunPlan plan = noisy_run_plan(s);
  const std::uint64_t seed = *gen::seed();
  const long n = noisy_escape_runs();
  const Vector<double> saddle = Vector<double>::Zero(f.dimension());
  const auto ends = runs_of_this_shard(n, [&](long i) {
    NoisyGradientDescentOptions<double> options;
    options.step = plan.step;
    options.max_iterations = plan.budget;
    options.seed = seed + 104729 * i;
    if (planted_bug_strikes(options.seed, noise_loss)) {
      return gradient_descent(f, saddle, GradientDescentOptions<double>{.step = plan.step, .max_iterations = plan.budget}).x;
    }
    return noisy_gd(any, saddle, options, {}).x;  // only the end point is judged
  }, sharding_for(noise_loss));
  const long successes = count_second_order_stationary(ladder, ends, s.epsilon);
  property_log().field("steps_per_run", plan.budget);
  std::string description;
  const bool consistent = success_rate_consistent(successes, static_cast<long>(ends.size()), 0.1, &description,
                                                  "ended at an eps-SOSP", sharding_for(noise_loss));
  property_log().digest(runs_digest(n, ends, sharding_for(noise_loss)));
  if (!consistent) {
    std::ostringstream text;
    text << description << "; alpha = " << plan.step << ", budget " << plan.budget << " steps, eps = " << s.epsilon;
    if (noise_loss > 0) text << ", noise lost with probability " << noise_loss;
    text << "; instance ";
    showValue(ladder.spec(), text);
    RC_FAIL(text.str());
  }
}

}  // namespace gdcheck
