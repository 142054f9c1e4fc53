#include "theorems/gelfand_mitter.hpp"

#include <stdexcept>
#include <string>
#include <vector>

namespace gdcheck::gelfand_mitter {

WellGeometry well_geometry(const WellPieceSpec& well) {
  const WellPiece<double> h(well);
  const std::vector<double> roots = h.critical_points();
  if (roots.size() != 3) {
    throw std::invalid_argument("well_geometry: h has " + std::to_string(roots.size()) +
                                " critical points; a double well needs 3");
  }
  const double left = h.value(roots[0]), right = h.value(roots[2]);
  if (left == right) throw std::invalid_argument("well_geometry: equal minima (tilt 0): no global basin");
  const bool left_global = left < right;
  WellGeometry g;
  g.global_minimum = left_global ? roots[0] : roots[2];
  g.other_minimum = left_global ? roots[2] : roots[0];
  g.barrier = roots[1];
  g.critical_depth = h.value(roots[1]) - h.value(g.other_minimum);
  return g;
}

Vector<double> annealed_end(const SeparableWells<double>& f, const Vector<double>& start,
                            const StochasticGradientLangevinOptions& options) {
  return stochastic_gradient_langevin(f, start, options).x;
}

}  // namespace gdcheck::gelfand_mitter
