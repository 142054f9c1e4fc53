// Step sizes for properties that run GD on a family instance, relative to its
// certified L, placed exactly on one side of 2/L. Over ObjectiveLadder, so
// they are compiled once (family_steps.cpp), for every family.
#pragma once

#include "theorems/precision_ladder.hpp"

namespace gdcheck {

// The family's certified global L, as a double (the families state it as a
// double-representable number or round it up).
double lipschitz_of(ObjectiveLadder& ladder);

// The double nearest to fraction * 2/L on the side where (alpha < 2/L) ==
// below, decided at 100 digits, where the product of L and a double step is
// exact: the steps of the GD theorems (descent lemma, stationarity bound, and
// a user's GD under check_your_optimizer).
double step_by_two_over_l(ObjectiveLadder& ladder, double fraction, bool below = true);

// The double nearest to fraction / L with 0 < alpha < 1/L, decided at 100
// digits: the steps of the saddle-geometry theorems.
double step_below_one_over_l(ObjectiveLadder& ladder, double fraction);

}  // namespace gdcheck
