#include "lib/objectives/octopus.hpp"

#include "lib/validate.hpp"

namespace gdcheck {

void OctopusSpec::validate() const {
  require_positive("OctopusSpec.dimension", dimension);
  require_positive_finite("OctopusSpec.tau", tau);
  require_positive_finite("OctopusSpec.curvature", curvature);
  require_positive_finite("OctopusSpec.gamma", gamma);
}

}  // namespace gdcheck
