#include "properties/family_steps.hpp"

#include <cmath>
#include <string>

#include "theorems/descent_lemma.hpp"
#include "theorems/gradient_map_diffeomorphism.hpp"

namespace gdcheck {
namespace {

// The double nearest to `step` for which a theorem's hypotheses hold (below)
// or fail (!below), decided at 100 digits. hypotheses_violated(f, step)
// returns "" when they hold.
template <class HypothesesViolated>
double step_on_side(ObjectiveLadder& ladder, double step, bool below, HypothesesViolated hypotheses_violated) {
  const auto& exact = ladder.at<Decimal100>();
  while (hypotheses_violated(exact, Decimal100(step)).empty() != below) {
    step = std::nextafter(step, below ? 0.0 : 1e308);
  }
  return step;
}

}  // namespace

double lipschitz_of(ObjectiveLadder& ladder) {
  return static_cast<double>(ladder.at<double>().gradient_lipschitz()->value);
}

double step_by_two_over_l(ObjectiveLadder& ladder, double fraction, bool below) {
  return step_on_side(ladder, 2 / lipschitz_of(ladder) * fraction, below, [](const auto& f, const auto& alpha) {
    return descent_lemma::hypotheses_violated(f, alpha);
  });
}

double step_below_one_over_l(ObjectiveLadder& ladder, double fraction) {
  return step_on_side(ladder, fraction / lipschitz_of(ladder), true, [](const auto& f, const auto& alpha) {
    return gradient_map_diffeomorphism::hypotheses_violated(f, alpha);
  });
}

}  // namespace gdcheck
