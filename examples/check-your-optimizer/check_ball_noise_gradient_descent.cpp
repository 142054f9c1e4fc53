// The same checks against a planted bug: the noise is drawn uniform in the
// ball of radius r (perturbed GD's law) instead of on its sphere. The check
// must turn red, naming the broken claim.
#include "adapter.hpp"

static const bool registered =
    gdcheck::register_noisy_gradient_descent_checks("BallNoiseGradientDescent", MyNoisyGradientDescent{true});
