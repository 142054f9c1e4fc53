// RapidCheck generators for every objective family (lib/objectives/), each
// shrinking toward small dimension and simple parameters, and the printers
// that show a generated spec with every number to 17 digits.
#pragma once

#include <sstream>
#include <string>
#include <vector>

#include <ostream>

#include <rapidcheck.h>

#include "lib/objectives/deep_linear_chain.hpp"
#include "lib/objectives/finite_sums.hpp"
#include "lib/objectives/nesterov_saddle.hpp"
#include "lib/objectives/octopus.hpp"
#include "lib/objectives/piecewise_curvature.hpp"
#include "lib/objectives/power_of_two_scaling.hpp"
#include "lib/objectives/ridge_sum.hpp"
#include "lib/objectives/separable_wells.hpp"
#include "lib/objectives/two_layer_relu.hpp"
#include "lib/scalar/run_precision.hpp"
#include "properties/generators.hpp"

namespace gdcheck::gen {

struct SeparableWellsRanges {
  int min_dimension = 1;
  int max_dimension = 12;
  int max_double_wells = 4;  // pieces with a strict saddle at 0 (2^k.. 3^k critical points)
  bool tilted = false;       // tilt the double wells (unique global minimum)
  bool rotated = true;       // random rotation, or axis-aligned
};
// Curvatures c log-uniform in [0.1, 10]; double wells have s = c (1 + r),
// r log-uniform in [0.1, 10] (so lambda_min at the saddle is -c r); convex
// pieces s = c u, u in [0, 0.9]. Shrinks toward d = 1, no double well, c = 0.1.
rc::Gen<SeparableWellsSpec> separable_wells(const SeparableWellsRanges& ranges = {});

// A strict saddle at the origin with comparable rates, for the dynamic checks
// of stable sets and escape: d in [min_dimension, max_dimension], pieces
// 0..k-1 double wells (k in [1, d - 1]), the rest convex; one curvature c
// (log-uniform in [0.5, 2]) for all, double wells s = c (1 + r), r in
// [0.05, 0.25] (lambda = -c r at the origin), convex s = c u, u in [0, 0.5]
// (lambda = c (1 - u) >= c/2 everywhere). No tilt, so the set where the
// double-well coordinates vanish is invariant: the saddle's stable set.
rc::Gen<SeparableWellsSpec> origin_saddle_wells(int min_dimension, int max_dimension, bool rotated);

// The tilted wells seen in other units, f -> 2^a f(2^-b x) (issue 22, item
// 3), for a run in double: b uniform in [-900, 900] and a uniform where |a|,
// |a - b| and |a - 2b| <= 980, so values, gradients, L and the step
// alpha' = 2^(2b - a) alpha stay below overflow (2^1024) for the generated
// wells and starts (43 binary orders to spare), and reach down into the
// subnormals. For a run in float the same spans, scaled to float's exponent
// range (2^128, 43 orders to spare): b in [-77, 77], the three <= 84.
// Shrinks toward the smallest exponents.
using ScaledWells = PowerOfTwoScaled<SeparableWells, SeparableWellsSpec>;
rc::Gen<PowerOfTwoScalingSpec<SeparableWellsSpec>> scaled_separable_wells(Precision run = Precision::float64);

// Strict saddles with strong negative curvature, for noisy and perturbed GD
// (their budgets scale with 1/|lambda_min|): d in [max(2, min_dimension),
// max_dimension], pieces 0..k-1 double wells (k in [1, min(d - 1, 3)]), the
// rest convex (so the origin is a strict saddle, not a maximum), rotated;
// one curvature c (log-uniform in [0.5, 2]); double wells s = c (2 + u)
// (lambda = -c (1 + u) at 0), convex s = c u / 2, u in [0, 1].
rc::Gen<SeparableWellsSpec> strong_saddle_wells(int min_dimension, int max_dimension);

// d in [1, 20], ridges in [1, 20], mu in [0, 2], amplitude and frequency
// log-uniform in [0.1, 3].
rc::Gen<RidgeSumSpec> ridge_sum(int max_dimension = 20);

// 0..max_breakpoints breakpoints spread over [-10, 10], curvatures uniform in
// [-L, L] (with L log-uniform in [1e-2, 1e2]), optionally convex outer pieces.
rc::Gen<PiecewiseCurvatureSpec> piecewise_curvature(int max_breakpoints = 12, bool bounded_below = false);

// d in [1, max_dimension], tau in [0.5, 5], L and gamma log-uniform in [0.1, 10].
rc::Gen<OctopusSpec> octopus(int max_dimension = 8);

// m in [d, 4d + 4] samples (full column rank almost surely), d in [1, max_dimension].
rc::Gen<LeastSquaresSpec> least_squares(int max_dimension = 10);
rc::Gen<SaddleFiniteSumSpec> saddle_finite_sum(int max_dimension = 10);
// A saddle finite sum whose saddle is strong next to its components'
// curvature, so escaping it takes hundreds of steps, not 10^5: the double
// well has c log-uniform in [0.5, 2], s = c (2 + u) (lambda = -c (1 + u) at
// the saddle), u in [0, 1]; the rest is least squares with d in
// [1, max_rest_dimension] and m in [d + 1, 4d + 4] (m >= 2: a covariance
// that is not zero). Shrinks toward d = 1, c = 0.5.
rc::Gen<SaddleFiniteSumSpec> strong_saddle_finite_sum(int max_rest_dimension = 5);

rc::Gen<DeepLinearChainSpec> deep_linear_chain(int max_depth = 4, int max_width = 3);
rc::Gen<TwoLayerReluSpec> two_layer_relu();

// Gelfand-Mitter's landscapes (properties/gelfand_mitter.cpp): 1 to 3 tilted
// double wells, one per coordinate, each with c log-uniform in [0.5, 2],
// s = c (1 + r), r in [0.5, 1.5], tilt t = u c r / 4, u in [0.3, 1] (the left
// well is the global one).
rc::Gen<std::vector<WellPieceSpec>> annealing_landscape();

}  // namespace gdcheck::gen

namespace gdcheck {
void showValue(const WellPieceSpec& spec, std::ostream& os);
void showValue(const SeparableWellsSpec& spec, std::ostream& os);
void showValue(const RidgeSumSpec& spec, std::ostream& os);
void showValue(const PiecewiseCurvatureSpec& spec, std::ostream& os);
void showValue(const OctopusSpec& spec, std::ostream& os);
void showValue(const LeastSquaresSpec& spec, std::ostream& os);
void showValue(const SaddleFiniteSumSpec& spec, std::ostream& os);
void showValue(const DeepLinearChainSpec& spec, std::ostream& os);
void showValue(const TwoLayerReluSpec& spec, std::ostream& os);
void showValue(const NesterovSaddleSpec& spec, std::ostream& os);
void showValue(const PowerOfTwoScalingSpec<SeparableWellsSpec>& spec, std::ostream& os);

// Drawing a family's spec (`*gen`) compiled once, as for the basic types
// (generators.hpp).
#define GDCHECK_DRAWN_SPECS(X)                                                                        \
  X(gdcheck::SeparableWellsSpec) X(gdcheck::RidgeSumSpec) X(gdcheck::PiecewiseCurvatureSpec)         \
  X(gdcheck::OctopusSpec) X(gdcheck::LeastSquaresSpec) X(gdcheck::SaddleFiniteSumSpec)                \
  X(gdcheck::DeepLinearChainSpec) X(gdcheck::TwoLayerReluSpec) X(std::vector<gdcheck::WellPieceSpec>)
}  // namespace gdcheck
GDCHECK_DRAWN_SPECS(GDCHECK_EXTERN_DRAW)
namespace gdcheck {

// A spec as its showValue text, for failure messages.
template <class Spec>
std::string shown(const Spec& spec) {
  std::ostringstream text;
  showValue(spec, text);
  return text.str();
}
}  // namespace gdcheck
