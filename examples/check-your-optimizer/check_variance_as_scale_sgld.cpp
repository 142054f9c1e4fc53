// The SGLD check against a planted bug: the noise's variance beta_t^2 is used
// as its standard deviation. The check must turn red.
#include "adapter.hpp"

static const bool registered = gdcheck::register_stochastic_gradient_langevin_checks(
    "VarianceAsScaleSgld", MyStochasticGradientLangevin{true});
