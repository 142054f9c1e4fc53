// The same check against a planted bug: the batch's gradient sum is divided
// by the data set's size m instead of the batch size b. The check must turn
// red, naming the claim.
#include "adapter.hpp"

static const bool registered =
    gdcheck::register_stochastic_gradient_descent_checks("DivideByMSgd", MyStochasticGradientDescent{true});
