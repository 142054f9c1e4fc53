#include "lib/objectives/piecewise_curvature.hpp"

#include <string>

#include "lib/validate.hpp"

namespace gdcheck {

void PiecewiseCurvatureSpec::validate() const {
  require_same_dimension("PiecewiseCurvatureSpec.curvatures", static_cast<long>(curvatures.size()),
                         static_cast<long>(breakpoints.size()) + 1);
  for (std::size_t k = 0; k < breakpoints.size(); ++k) {
    const std::string field = "PiecewiseCurvatureSpec.breakpoints[" + std::to_string(k) + "]";
    require_finite(field, breakpoints[k]);
    if (k > 0 && !(breakpoints[k] > breakpoints[k - 1])) {
      throw_invalid(field, breakpoints[k], "must be > the previous breakpoint " + describe_value(breakpoints[k - 1]));
    }
  }
  for (std::size_t k = 0; k < curvatures.size(); ++k) {
    require_finite("PiecewiseCurvatureSpec.curvatures[" + std::to_string(k) + "]", curvatures[k]);
  }
  require_finite("PiecewiseCurvatureSpec.anchor_value", anchor_value);
  require_finite("PiecewiseCurvatureSpec.anchor_slope", anchor_slope);
}

}  // namespace gdcheck
