// gdcheck's perturbed-GD properties against mylib::perturbed_gradient_descent.
#include "adapter.hpp"

static const bool registered =
    gdcheck::register_perturbed_gradient_descent_checks("MyPerturbedGradientDescent", MyPerturbedGradientDescent{});
