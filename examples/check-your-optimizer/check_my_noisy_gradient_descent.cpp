// gdcheck's noisy-GD properties against mylib::noisy_gradient_descent.
#include "adapter.hpp"

static const bool registered =
    gdcheck::register_noisy_gradient_descent_checks("MyNoisyGradientDescent", MyNoisyGradientDescent{});
