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
#include "properties/noisy_gd_cases.hpp"
#include "properties/property.hpp"
#include "properties/second_order_runs.hpp"

namespace gdcheck {
namespace {

constexpr std::string_view kName = kNoisyGdEscapeTheorem;

// False alarm: a correct noisy GD fails a case with probability at most
// kBinomialTestLevel = 1e-6 (monte_carlo_runs.hpp).
TEST(NoisyGdEscapesSaddles_Statistical, FromAStrictSaddleReachesAnEpsSecondOrderPointWithinTheBudget) {
  check_property({"noisy-gd/escapes-to-eps-sosp", std::string(kName), PropertyKind::statistical, 2},
                 [] { noisy_gd_escape_case(library_noisy_gradient_descent()); });
}

// Near the test's threshold (issue 22, item 6): the noise lost in a fraction
// q of the runs, the success rate twice the rule's minimum detectable drop
// below its claim (noise_loss_near_threshold), must be rejected.
TEST(NoisyGdEscapesSaddles_NeedsHypothesis, NoiseLostInSomeRunsNearTheThresholdIsRejected) {
  check_property({"noisy-gd/noise-lost-near-threshold", std::string(kName), PropertyKind::needs_hypothesis, 5, false}, [] {
    noisy_gd_escape_case(library_noisy_gradient_descent(), noise_loss_near_threshold(noisy_escape_runs(), 0.1));
  });
}

// Drops the noise: plain GD from the same saddle never moves, so it ends at
// the saddle, which is no eps-SOSP.
TEST(NoisyGdEscapesSaddles_NeedsHypothesis, PlainGdFromTheSaddleNeverMoves) {
  check_property({"noisy-gd/without-noise", std::string(kName), PropertyKind::needs_hypothesis}, [] {
    WellsLadder ladder(*gen::strong_saddle_wells(2, 4));
    const auto& f = ladder.at<double>();
    const SaddleInstance s = saddle_instance(f);
    const NoisyRunPlan plan = noisy_run_plan(s);
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
