// gdcheck's SGLD property against mylib::stochastic_gradient_langevin.
#include "adapter.hpp"

static const bool registered = gdcheck::register_stochastic_gradient_langevin_checks(
    "MyStochasticGradientLangevin", MyStochasticGradientLangevin{});
