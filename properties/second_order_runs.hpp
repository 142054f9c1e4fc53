// What the noisy-GD and perturbed-GD properties share: an instance with
// strict saddles, an eps that no saddle meets, and the exact binomial test of
// "at least a 1 - delta fraction of runs end at an eps-SOSP".
#pragma once

#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "lib/objectives/separable_wells.hpp"
#include "properties/monte_carlo_runs.hpp"
#include "properties/property.hpp"
#include "properties/results_file.hpp"
#include "theorems/binomial_bound.hpp"
#include "theorems/precision_ladder.hpp"
#include "theorems/second_order_stationarity.hpp"

namespace gdcheck {

using WellsLadder = InstanceLadder<SeparableWells, SeparableWellsSpec>;

struct SaddleInstance {
  double lipschitz = 0, hessian_lipschitz = 0;
  // eps = lambda^2 / (4 rho), lambda the weakest negative curvature at a
  // saddle: then sqrt(rho eps) = |lambda|/2 and every strict saddle fails the
  // curvature condition by a wide margin, so "escaped" and "eps-SOSP" agree.
  double epsilon = 0;
  double weakest_negative = 0, weakest_positive = 0;  // |lambda| at saddles, lambda at minima
  std::vector<Vector<double>> strict_saddles;
};

inline SaddleInstance saddle_instance(const SeparableWells<double>& f) {
  SaddleInstance s;
  s.lipschitz = f.gradient_lipschitz()->value;
  s.hessian_lipschitz = f.hessian_lipschitz()->value;
  s.weakest_negative = s.weakest_positive = INFINITY;
  for (const auto& p : f.critical_points()) {
    if (p.kind == CriticalKind::strict_saddle) {
      s.strict_saddles.push_back(p.x);
      s.weakest_negative = std::min(s.weakest_negative, -p.hessian_eigenvalues(0));
    } else if (p.kind == CriticalKind::global_minimum || p.kind == CriticalKind::local_minimum) {
      s.weakest_positive = std::min(s.weakest_positive, p.hessian_eigenvalues(0));
    }
  }
  s.epsilon = s.weakest_negative * s.weakest_negative / (4 * s.hessian_lipschitz);
  return s;
}

// Whether x is an eps-SOSP, decided in double and, when double cannot tell,
// on the precision ladder. Not thread-safe (the ladder builds instances).
inline bool is_second_order_stationary(WellsLadder& ladder, const Vector<double>& x, double epsilon,
                                       long* escalations) {
  const Verdict verdict = decide_on_ladder([&](auto type) {
    using S = typename decltype(type)::type;
    return second_order_stationarity::check(ladder.template at<S>(), convert<S>(x), S(epsilon));
  });
  *escalations += verdict.escalations;
  return verdict.passes();
}

// How many of the points are eps-SOSPs, each decided as above (the runs'
// end points, computed in parallel; deciding is sequential because the
// ladder builds its instances on first use).
inline long count_second_order_stationary(WellsLadder& ladder, const std::vector<Vector<double>>& points,
                                          double epsilon) {
  long successes = 0, escalations = 0;
  for (const auto& x : points) successes += is_second_order_stationary(ladder, x, epsilon, &escalations);
  property_log().escalations(escalations);
  return successes;
}

// The claim "P(success) >= 1 - delta" against k successes in n runs: it is
// rejected when even the upper confidence bound on P(success), at confidence
// 1 - kBinomialTestLevel, is below 1 - delta. Logs the bounds; `success`
// says what a successful run did, for the description.
// Under GDCHECK_SHARD the counts are one shard's: they are logged with the
// claim, the line is marked pending, and apps/merge_shards decides.
inline bool success_rate_consistent(long successes, long runs, double delta, std::string* description,
                                    std::string_view success = "ended at an eps-SOSP",
                                    Sharding sharding = Sharding::split) {
  const double upper = clopper_pearson_upper(successes, runs, 1 - kBinomialTestLevel);
  const double lower = clopper_pearson_lower(successes, runs, 0.99);
  property_log().monte_carlo(std::string(success), successes, runs,
                             {{"at_least", 1 - delta}, {"level", kBinomialTestLevel}});
  property_log().field("successes", successes);
  property_log().field("runs", runs);
  property_log().field("success_rate_lower_99", json_number(lower));
  property_log().field("claimed_rate", json_number(1 - delta));
  property_log().field("false_alarm_per_case", json_number(kBinomialTestLevel));
  if (sharding == Sharding::split && current_shard().active()) {
    property_log().pending();
    return true;
  }
  std::ostringstream text;
  text << successes << " of " << runs << " runs " << success << "; P(success) >= " << lower
       << " at 99% confidence (exact Clopper-Pearson), claimed >= " << 1 - delta << ", rejected only if "
       << "P(success) <= " << upper << " at level " << kBinomialTestLevel << " is below the claim";
  *description = text.str();
  return success_rate_consistent_at(successes, runs, 1 - delta, kBinomialTestLevel);
}

// Near-threshold controls of the success-rate properties (issue 22, item 6):
// a planted bug loses each run's noise with probability q. Such a run starts
// at an exact strict saddle, where the computed gradient is 0, and without
// noise stays there: it fails. So the success rate is at most 1 - q, and
// q = 1 - rate_near_threshold puts it at twice the rule's minimum
// detectable drop below the claim 1 - delta.
inline double noise_loss_near_threshold(long runs, double delta) {
  return 1 - rate_near_threshold(rate_rule("at_least", 1 - delta, kBinomialTestLevel, runs), runs, true);
}

}  // namespace gdcheck
