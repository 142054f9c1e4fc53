// The float GD behind an adapter that does not declare float: gdcheck hands
// it double starts and holds its steps to double's rounding. It must turn
// red, and the message must say that the run computes in float.
#include "adapter.hpp"

static const bool registered =
    gdcheck::register_gradient_descent_checks("UndeclaredFloatGradientDescent", UndeclaredFloatGradientDescent{});
