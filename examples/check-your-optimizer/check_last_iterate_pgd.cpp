// The same checks against a planted bug: at the end of an episode without
// enough decrease the run returns the point it stands at instead of x~, the
// point before the perturbation. The check must turn red, naming the claim.
#include "adapter.hpp"

static const bool registered =
    gdcheck::register_perturbed_gradient_descent_checks("LastIteratePgd", MyPerturbedGradientDescent{true});
