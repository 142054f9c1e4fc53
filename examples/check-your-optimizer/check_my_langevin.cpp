// gdcheck's Langevin properties against mylib::langevin, unadjusted (ULA)
// and Metropolis-adjusted (MALA).
#include "adapter.hpp"

static const bool registered =
    gdcheck::register_unadjusted_langevin_checks("MyUnadjustedLangevin", MyLangevin{false}) &&
    gdcheck::register_metropolis_adjusted_langevin_checks("MyMetropolisAdjustedLangevin", MyLangevin{true});
