// Invalid parameters throw std::invalid_argument naming the field.
#include <cmath>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

#include "lib/objectives/deep_linear_chain.hpp"
#include "lib/objectives/finite_sums.hpp"
#include "lib/objectives/octopus.hpp"
#include "lib/objectives/piecewise_curvature.hpp"
#include "lib/objectives/ridge_sum.hpp"
#include "lib/objectives/separable_wells.hpp"
#include "lib/objectives/two_layer_relu.hpp"

namespace gdcheck {
namespace {

template <class Build>
void expect_rejects(Build build, const std::string& field) {
  try {
    build();
    ADD_FAILURE() << "expected std::invalid_argument naming " << field;
  } catch (const std::invalid_argument& error) {
    EXPECT_NE(std::string(error.what()).find(field), std::string::npos) << error.what();
  }
}

SeparableWellsSpec one_well(double c, double s, double t, PieceShape shape) {
  return SeparableWellsSpec{{WellPieceSpec{c, s, t}}, {shape}, RotationSpec{1, 0, 0}};
}

TEST(ObjectiveValidation, SeparableWells) {
  expect_rejects([] { SeparableWells<double>(one_well(0, 1, 0, PieceShape::convex)); }, "pieces[0].curvature");
  expect_rejects([] { SeparableWells<double>(one_well(1, -1, 0, PieceShape::convex)); }, "pieces[0].depth");
  expect_rejects([] { SeparableWells<double>(one_well(1, 0.5, 0, PieceShape::double_well)); },
                 "pieces[0].depth = 0.5: must be > curvature");
  expect_rejects([] { SeparableWells<double>(one_well(1, 2, 0, PieceShape::convex)); }, "pieces[0].depth");
  expect_rejects([] { SeparableWells<double>(one_well(1, 2, 5, PieceShape::double_well)); }, "pieces[0].tilt");
  expect_rejects([] { SeparableWells<double>(one_well(1, std::nan(""), 0, PieceShape::convex)); }, "depth");
}

TEST(ObjectiveValidation, Octopus) {
  expect_rejects([] { Octopus<double>(OctopusSpec{2, 0, 1, 1}); }, "OctopusSpec.tau = 0");
  expect_rejects([] { Octopus<double>(OctopusSpec{2, -1, 1, 1}); }, "OctopusSpec.tau");
  expect_rejects([] { Octopus<double>(OctopusSpec{2, 1, 0, 1}); }, "OctopusSpec.curvature");
  expect_rejects([] { Octopus<double>(OctopusSpec{2, 1, 1, std::nan("")}); }, "OctopusSpec.gamma");
  expect_rejects([] { Octopus<double>(OctopusSpec{0, 1, 1, 1}); }, "OctopusSpec.dimension");
}

TEST(ObjectiveValidation, RidgeSumPiecewiseAndFiniteSums) {
  expect_rejects([] { RidgeSum<double>(RidgeSumSpec{2, 3, -1, 1, 1, 0}); }, "RidgeSumSpec.mu");
  expect_rejects([] { RidgeSum<double>(RidgeSumSpec{2, 3, 1, 0, 1, 0}); }, "RidgeSumSpec.amplitude");
  expect_rejects([] { PiecewiseCurvature<double>(PiecewiseCurvatureSpec{{1, 0}, {1, 1, 1}, 0, 0}); },
                 "breakpoints[1]");
  expect_rejects([] { PiecewiseCurvature<double>(PiecewiseCurvatureSpec{{1}, {1}, 0, 0}); }, "curvatures");
  expect_rejects([] { LeastSquares<double>(LeastSquaresSpec{0, 2, 0.1, 0}); }, "LeastSquaresSpec.samples");
  expect_rejects([] { SaddleFiniteSum<double>(SaddleFiniteSumSpec{{1, 1, 0}, {4, 2, 0.1, 0}}); },
                 "SaddleFiniteSumSpec.saddle.depth");
  expect_rejects([] { DeepLinearChain<double>(DeepLinearChainSpec{0, 1, 1, 0}); }, "DeepLinearChainSpec.depth");
  expect_rejects([] { TwoLayerRelu<double>(TwoLayerReluSpec{4, 0, 8, 0}); }, "TwoLayerReluSpec.inputs");
  expect_rejects([] { TwoLayerRelu<double>(TwoLayerReluSpec{4, 3, 0, 0}); }, "TwoLayerReluSpec.width");
  expect_rejects([] { TwoLayerRelu<double>(TwoLayerReluSpec{0, 3, 8, 0}); }, "TwoLayerReluSpec.samples");
  expect_rejects([] { DeepLinearChain<double>(DeepLinearChainSpec{3, 0, 1, 0}); }, "DeepLinearChainSpec.width");
  expect_rejects([] { DeepLinearChain<double>(DeepLinearChainSpec{3, 1, std::nan(""), 0}); },
                 "DeepLinearChainSpec.target_scale");
}

}  // namespace
}  // namespace gdcheck
