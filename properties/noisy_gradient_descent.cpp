// Properties of noisy GD (lib/optimizers/noisy_gradient_descent.hpp): it
// escapes a strict saddle and reaches an eps-SOSP; plain GD does not move.
#include <cmath>
#include <sstream>
#include <string>

#include "lib/optimizers/gradient_descent.hpp"
#include "lib/optimizers/noisy_gradient_descent.hpp"
#include "lib/parallel_map.hpp"
#include "properties/generators.hpp"
#include "properties/objective_generators.hpp"
#include "properties/property.hpp"
#include "properties/second_order_runs.hpp"

namespace gdcheck {
namespace {

inline constexpr std::string_view kName = "noisy-gd-escapes-saddles";

// The run's step and budget for an instance, stated (Ge et al. give only
// poly(d/eps)):
//  - alpha = 2 eps^2 / (9 l): near a minimum the noise keeps ||grad f|| at
//    about sqrt(alpha l / 2) = eps/3 (stationary variance of the linearised
//    recursion, alpha lambda / (2 d) per coordinate, summed over d);
//  - T = 4 log(4/alpha) / (alpha lambda_weak), lambda_weak the smaller of the
//    weakest negative curvature at a saddle and the weakest positive one at a
//    minimum: four times the linearised time to grow from the noise's size
//    alpha to O(1) away from the saddle, or to contract as much near a minimum.
struct NoisyRunPlan {
  double step = 0;
  long budget = 0;
};

NoisyRunPlan plan_for(const SaddleInstance& s) {
  NoisyRunPlan plan;
  plan.step = 2 * s.epsilon * s.epsilon / (9 * s.lipschitz);
  const double weak = std::min(s.weakest_negative, s.weakest_positive);
  plan.budget = static_cast<long>(std::ceil(4 * std::log(4 / plan.step) / (plan.step * weak)));
  return plan;
}

long runs_per_instance() { return deep_mode() ? 2000 : 200; }

// From the origin (a strict saddle where the computed gradient is exactly 0):
// the final iterate of each run is judged an eps-SOSP or not; the success
// rate must be consistent with >= 1 - delta, delta = 0.1, by the exact test.
// `noise_loss`: the probability with which a planted bug drops a run's
// noise (0 for the library as it is; such a run is plain GD).
void escape_case(double noise_loss) {
  WellsLadder ladder(*gen::strong_saddle_wells(2, 4));
  const auto& f = ladder.at<double>();
  f.lower_bound();  // roots solved before the threads share f
  const SaddleInstance s = saddle_instance(f);
  const NoisyRunPlan plan = plan_for(s);
  const std::uint64_t seed = *gen::seed();
  const long n = runs_per_instance();
  const Vector<double> saddle = Vector<double>::Zero(f.dimension());
  const auto ends = runs_of_this_shard(n, [&](long i) {
    NoisyGradientDescentOptions<double> options;
    options.step = plan.step;
    options.max_iterations = plan.budget;
    options.seed = seed + 104729 * i;
    if (planted_bug_strikes(options.seed, noise_loss)) {
      return gradient_descent(f, saddle, GradientDescentOptions<double>{.step = plan.step, .max_iterations = plan.budget}).x;
    }
    return noisy_gradient_descent(f, saddle, options).x;
  });
  const long successes = count_second_order_stationary(ladder, ends, s.epsilon);
  property_log().field("steps_per_run", plan.budget);
  std::string description;
  if (!success_rate_consistent(successes, static_cast<long>(ends.size()), 0.1, &description)) {
    std::ostringstream text;
    text << description << "; alpha = " << plan.step << ", budget " << plan.budget << " steps, eps = " << s.epsilon;
    if (noise_loss > 0) text << ", noise lost with probability " << noise_loss;
    text << "; instance ";
    showValue(ladder.spec(), text);
    RC_FAIL(text.str());
  }
}

// False alarm: a correct noisy GD fails a case with probability at most
// kBinomialTestLevel = 1e-6 (second_order_runs.hpp).
TEST(NoisyGdEscapesSaddles_Statistical, FromAStrictSaddleReachesAnEpsSecondOrderPointWithinTheBudget) {
  check_property({"noisy-gd/escapes-to-eps-sosp", std::string(kName), PropertyKind::statistical, 2},
                 [] { escape_case(0); });
}

// Near the test's threshold (issue 22, item 6): the noise lost in a fraction
// q of the runs, the success rate twice the rule's minimum detectable drop
// below its claim (noise_loss_near_threshold), must be rejected.
TEST(NoisyGdEscapesSaddles_NeedsHypothesis, NoiseLostInSomeRunsNearTheThresholdIsRejected) {
  check_property({"noisy-gd/noise-lost-near-threshold", std::string(kName), PropertyKind::needs_hypothesis, 5, false}, [] {
    escape_case(noise_loss_near_threshold(runs_per_instance(), 0.1));
  });
}

// Drops the noise: plain GD from the same saddle never moves, so it ends at
// the saddle, which is no eps-SOSP.
TEST(NoisyGdEscapesSaddles_NeedsHypothesis, PlainGdFromTheSaddleNeverMoves) {
  check_property({"noisy-gd/without-noise", std::string(kName), PropertyKind::needs_hypothesis}, [] {
    WellsLadder ladder(*gen::strong_saddle_wells(2, 4));
    const auto& f = ladder.at<double>();
    const SaddleInstance s = saddle_instance(f);
    const NoisyRunPlan plan = plan_for(s);
    GradientDescentOptions<double> options;
    options.step = plan.step;
    options.max_iterations = plan.budget;
    const auto result = gradient_descent(f, Vector<double>::Zero(f.dimension()), options);
    long escalations = 0;
    if (!is_second_order_stationary(ladder, result.x, s.epsilon, &escalations)) {
      std::ostringstream text;
      text << "plain GD from the strict saddle at 0 ended at ||x|| = " << result.x.norm() << " after "
           << result.iterations << " steps, no eps-SOSP (eps = " << s.epsilon << "); instance ";
      showValue(ladder.spec(), text);
      RC_FAIL(text.str());
    }
  });
}

}  // namespace
}  // namespace gdcheck
