// gdcheck's gradient-descent properties against mylib's float GD, judged
// by float's rounding (the adapter declares Precision::float32).
#include "adapter.hpp"

static const bool registered =
    gdcheck::register_gradient_descent_checks("MyFloatGradientDescent", MyFloatGradientDescent{});
