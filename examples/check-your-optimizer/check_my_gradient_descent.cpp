// gdcheck's gradient-descent properties against mylib::gradient_descent.
#include "adapter.hpp"

static const bool registered = gdcheck::register_gradient_descent_checks("MyGradientDescent", MyGradientDescent{});
