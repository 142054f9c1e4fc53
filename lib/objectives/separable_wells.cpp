#include "lib/objectives/separable_wells.hpp"

#include <cmath>
#include <string>

#include "lib/validate.hpp"

namespace gdcheck {

void SeparableWellsSpec::validate() const {
  require_positive("SeparableWellsSpec.pieces.size()", pieces.size());
  require_same_dimension("SeparableWellsSpec.shapes", static_cast<long>(shapes.size()), dimension());
  require_same_dimension("SeparableWellsSpec.rotation", rotation.dimension, dimension());
  if (rotation.reflections > rotation.dimension) {
    throw_invalid("SeparableWellsSpec.rotation.reflections", rotation.reflections, "must be <= the dimension");
  }
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    const std::string field = "SeparableWellsSpec.pieces[" + std::to_string(i) + "]";
    const WellPieceSpec& p = pieces[i];
    require_positive_finite(field + ".curvature", p.curvature);
    require_finite(field + ".depth", p.depth);
    require_non_negative(field + ".depth", p.depth);
    require_finite(field + ".tilt", p.tilt);
    if (shapes[i] == PieceShape::double_well && !(p.depth > p.curvature)) {
      throw_invalid(field + ".depth", p.depth, "must be > curvature (" + describe_value(p.curvature) +
                                                   ") for a double well (a strict saddle at 0)");
    }
    if (shapes[i] == PieceShape::double_well) {
      // Two wells need |t| below the height of h' at its turning points
      // y_turn = acosh(sqrt(s/c)): then h' has three simple roots, so every
      // critical point is non-degenerate and the saddle at the middle is strict.
      const double turn = std::acosh(std::sqrt(p.depth / p.curvature));
      const double critical_tilt = p.depth * std::tanh(turn) - p.curvature * turn;
      if (!(std::abs(p.tilt) < critical_tilt)) {
        throw_invalid(field + ".tilt", p.tilt,
                      "must have |tilt| < " + describe_value(critical_tilt) + " for two wells");
      }
    }
    if (shapes[i] == PieceShape::convex && !(p.depth < p.curvature)) {
      throw_invalid(field + ".depth", p.depth,
                    "must be < curvature (" + describe_value(p.curvature) + ") for a convex piece");
    }
  }
}

}  // namespace gdcheck
