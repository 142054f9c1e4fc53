#include "lib/objectives/deep_linear_chain.hpp"

#include <cmath>

#include "lib/random.hpp"
#include "lib/validate.hpp"

namespace gdcheck {

void DeepLinearChainSpec::validate() const {
  require_positive("DeepLinearChainSpec.depth", depth);
  require_positive("DeepLinearChainSpec.width", width);
  require_finite("DeepLinearChainSpec.target_scale", target_scale);
}

Matrix<double> deep_linear_target(const DeepLinearChainSpec& spec) {
  spec.validate();
  if (spec.width == 1) return Matrix<double>::Constant(1, 1, spec.target_scale);
  Rng rng(spec.seed);
  Matrix<double> target(spec.width, spec.width);
  const double scale = spec.target_scale / std::sqrt(static_cast<double>(spec.width));
  for (double& v : target.reshaped()) v = scale * rng.normal();
  return target;
}

}  // namespace gdcheck
