// The float GD with a planted drift (its step grows by one part in 10^5 per
// iteration): float's rounding must not hide it.
#include "adapter.hpp"

static const bool registered =
    gdcheck::register_gradient_descent_checks("DriftingFloatGradientDescent", MyFloatGradientDescent{1e-5f});
