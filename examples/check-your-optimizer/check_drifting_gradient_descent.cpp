// The same checks against a planted bug: the step grows by one part in a
// million per iteration. The check must turn red, naming the broken claim.
#include "adapter.hpp"

static const bool registered =
    gdcheck::register_gradient_descent_checks("DriftingGradientDescent", MyGradientDescent{1e-6});
