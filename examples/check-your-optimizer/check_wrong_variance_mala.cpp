// The MALA check against a planted bug: the Hastings correction evaluates the
// proposal density with variance alpha, while the proposal has eps^2 alpha.
// The check must turn red.
#include "adapter.hpp"

static const bool registered = gdcheck::register_metropolis_adjusted_langevin_checks(
    "WrongVarianceMala", MyLangevin{true, mylib::LangevinBug::correction_without_temperature});
