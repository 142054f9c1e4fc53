// Step sizes for properties that run GD on a family instance, relative to its
// certified L, placed exactly on one side of 2/L.
#pragma once

#include <cmath>
#include <string>

#include "theorems/descent_lemma.hpp"
#include "theorems/gradient_map_diffeomorphism.hpp"
#include "theorems/precision_ladder.hpp"

namespace gdcheck {

// The family's certified global L, as a double (the families state it as a
// double-representable number or round it up).
template <template <class> class Family, class Spec>
double lipschitz_of(InstanceLadder<Family, Spec>& ladder) {
  return static_cast<double>(ladder.template at<double>().gradient_lipschitz()->value);
}

// The double nearest to `step` for which a theorem's hypotheses hold (below)
// or fail (!below), decided at 100 digits, where the product of L and a
// double step is exact. hypotheses_violated(f, step) returns "" when they hold.
template <template <class> class Family, class Spec, class HypothesesViolated>
double step_on_side(InstanceLadder<Family, Spec>& ladder, double step, bool below,
                    HypothesesViolated hypotheses_violated) {
  const auto& exact = ladder.template at<Decimal100>();
  while (hypotheses_violated(exact, Decimal100(step)).empty() != below) {
    step = std::nextafter(step, below ? 0.0 : 1e308);
  }
  return step;
}

// The double nearest to fraction * 2/L on the side where (alpha < 2/L) ==
// below, decided at 100 digits: the steps of the GD theorems (descent lemma,
// stationarity bound, and a user's GD under check_your_optimizer).
template <template <class> class Family, class Spec>
double step_by_two_over_l(InstanceLadder<Family, Spec>& ladder, double fraction, bool below = true) {
  return step_on_side(ladder, 2 / lipschitz_of(ladder) * fraction, below, [](const auto& f, const auto& alpha) {
    return descent_lemma::hypotheses_violated(f, alpha);
  });
}

// The double nearest to fraction / L with 0 < alpha < 1/L, decided at 100
// digits: the steps of the saddle-geometry theorems.
template <template <class> class Family, class Spec>
double step_below_one_over_l(InstanceLadder<Family, Spec>& ladder, double fraction) {
  return step_on_side(ladder, fraction / lipschitz_of(ladder), true, [](const auto& f, const auto& alpha) {
    return gradient_map_diffeomorphism::hypotheses_violated(f, alpha);
  });
}

}  // namespace gdcheck
