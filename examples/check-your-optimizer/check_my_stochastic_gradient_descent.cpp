// gdcheck's SGD property against mylib::stochastic_gradient_descent.
#include "adapter.hpp"

static const bool registered =
    gdcheck::register_stochastic_gradient_descent_checks("MyStochasticGradientDescent", MyStochasticGradientDescent{});
