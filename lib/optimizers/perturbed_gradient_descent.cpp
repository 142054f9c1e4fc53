#include "lib/optimizers/perturbed_gradient_descent.hpp"

#include <algorithm>

namespace gdcheck {

void PerturbedGradientDescentParameters::validate() const {
  require_positive_finite("PerturbedGradientDescentParameters.gradient_lipschitz", gradient_lipschitz);
  require_positive_finite("PerturbedGradientDescentParameters.hessian_lipschitz", hessian_lipschitz);
  require_positive_finite("PerturbedGradientDescentParameters.epsilon", epsilon);
  require_positive_finite("PerturbedGradientDescentParameters.c", c);
  if (!(c <= 1)) throw_invalid("PerturbedGradientDescentParameters.c", c, "must be in (0, 1]");
  if (!(delta > 0 && delta < 1)) {
    throw_invalid("PerturbedGradientDescentParameters.delta", delta, "must be in (0, 1)");
  }
  require_positive_finite("PerturbedGradientDescentParameters.function_gap", function_gap);
  require_positive("PerturbedGradientDescentParameters.dimension", dimension);
}

void PerturbedGradientDescentConstants::validate() const {
  require_positive_finite("PerturbedGradientDescentConstants.chi", chi);
  require_positive_finite("PerturbedGradientDescentConstants.step", step);
  require_non_negative("PerturbedGradientDescentConstants.radius", radius);  // 0: no perturbation (a negative control)
  require_finite("PerturbedGradientDescentConstants.radius", radius);
  require_positive_finite("PerturbedGradientDescentConstants.gradient_threshold", gradient_threshold);
  require_non_negative("PerturbedGradientDescentConstants.function_threshold", function_threshold);
  require_finite("PerturbedGradientDescentConstants.function_threshold", function_threshold);
  require_positive_finite("PerturbedGradientDescentConstants.time_threshold", time_threshold);
}

PerturbedGradientDescentConstants perturbed_gradient_descent_constants(const PerturbedGradientDescentParameters& p) {
  p.validate();
  const double l = p.gradient_lipschitz, rho = p.hessian_lipschitz, eps = p.epsilon, c = p.c;
  PerturbedGradientDescentConstants k;
  k.chi = 3 * std::max(std::log(p.dimension * l * p.function_gap / (c * eps * eps * p.delta)), 4.0);
  k.step = c / l;
  k.radius = std::sqrt(c) / (k.chi * k.chi) * eps / l;
  k.gradient_threshold = std::sqrt(c) / (k.chi * k.chi) * eps;
  k.function_threshold = c / (k.chi * k.chi * k.chi) * std::sqrt(eps * eps * eps / rho);
  k.time_threshold = k.chi / (c * c) * l / std::sqrt(rho * eps);
  return k;
}

}  // namespace gdcheck
