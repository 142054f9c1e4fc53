#include "lib/objectives/quadratic.hpp"

#include <string>

#include "lib/validate.hpp"

namespace gdcheck {

void QuadraticSpec::validate() const {
  require_positive("QuadraticSpec.eigenvalues.size()", eigenvalues.size());
  for (std::size_t i = 0; i < eigenvalues.size(); ++i) {
    require_finite("QuadraticSpec.eigenvalues[" + std::to_string(i) + "]", eigenvalues[i]);
  }
  require_same_dimension("QuadraticSpec.rotation", rotation.dimension, dimension());
  if (rotation.reflections > rotation.dimension) {
    throw_invalid("QuadraticSpec.rotation.reflections", rotation.reflections,
                  "must be <= the dimension");
  }
}

}  // namespace gdcheck
