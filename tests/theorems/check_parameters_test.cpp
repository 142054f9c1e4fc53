// The theorem checks' own parameters, tried property-style like the
// optimizers' options (tests/lib/optimizers/bad_inputs_test.cpp): a level,
// a claimed rate, counts, a direction vector drawn from awkward values
// (NaN, +-inf, 0, negative, denormal, huge, a wrong dimension). Each call
// either returns or throws std::invalid_argument naming the parameter;
// never a crash (a direction of the wrong size read by Eigen would be one).
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "lib/objectives/quadratic.hpp"
#include "theorems/binomial_bound.hpp"
#include "theorems/kolmogorov_smirnov.hpp"
#include "theorems/noise_law.hpp"

namespace gdcheck {
namespace {

rc::Gen<double> awkward() {
  return rc::gen::element(std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity(),
                          -std::numeric_limits<double>::infinity(), 0.0, -1.0,
                          std::numeric_limits<double>::denorm_min(), 1e308, 1e-6, 0.5, 1.0);
}

// Runs `call`: it must return when `valid`, else throw std::invalid_argument
// whose message contains `names`.
template <class Call>
void judge_call(bool valid, const std::string& names, Call call) {
  try {
    call();
    RC_ASSERT(valid);
  } catch (const std::invalid_argument& e) {
    RC_ASSERT(!valid);
    if (std::string(e.what()).find(names) == std::string::npos) {
      RC_FAIL(std::string("the error does not name ") + names + ": " + e.what());
    }
  }
}

RC_GTEST_PROP(CheckParameters, SuccessRateRule, ()) {
  const long trials = *rc::gen::element(-1L, 0L, 1L, 10L);
  const long successes = *rc::gen::element(-1L, 0L, 5L, 10L, 11L);
  const double claimed = *awkward();
  const double level = *awkward();
  const bool counts_ok = trials >= 1 && successes >= 0 && successes <= trials;
  const bool claimed_ok = claimed >= 0 && claimed <= 1;
  const bool level_ok = level > 0 && level < 1;
  // Checked in this order: the rate, the level, then the counts.
  const std::string names = !claimed_ok ? "claimed" : !level_ok ? "level" : trials < 1 ? "trials" : "events";
  judge_call(counts_ok && claimed_ok && level_ok, names,
             [&] { success_rate_consistent_at(successes, trials, claimed, level); });
}

RC_GTEST_PROP(CheckParameters, DkwThreshold, ()) {
  const long samples = *rc::gen::element(-1L, 0L, 1L, 4000L);
  const double level = *awkward();
  judge_call(samples >= 1 && level > 0 && level < 1, "level", [&] { dkw_threshold(samples, level); });
}

// The noise-law check of noisy GD with its direction and level drawn: a
// short run (50 steps) on a 3-D bowl.
RC_GTEST_PROP(CheckParameters, NoiseLawDirectionAndLevel, ()) {
  static const Quadratic<double> f(QuadraticSpec{{2.0, 1.0, 0.5}, RotationSpec{3, 3, 5}});
  const int size = *rc::gen::element(0, 2, 3, 4);
  Vector<double> unit = Vector<double>::Zero(size);
  const int kind = *rc::gen::inRange(0, 3);  // a unit vector, an awkward entry, all zero
  if (size > 0 && kind == 0) unit(0) = 1;
  if (size > 0 && kind == 1) unit(0) = *awkward();
  const double level = *awkward();
  const bool unit_ok = size == 3 && std::isfinite(unit.norm()) && std::abs(unit.norm() - 1) <= 1e-12;
  const bool level_ok = level >= noise_law::kSmallestLevel && level < 1;
  NoisyGradientDescentOptions<double> options;
  options.step = 0.1;
  options.noise_radius = 0.1;
  options.max_iterations = 50;
  judge_call(unit_ok && level_ok, !unit_ok ? "unit" : "level",
             [&] { noise_law::check_noisy_gd(f, Vector<double>::Zero(3), options, unit, level); });
}

}  // namespace
}  // namespace gdcheck
