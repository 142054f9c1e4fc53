// Every objective family runs the checks of objective_family_checks.hpp. One
// unit for all of them: the checks' shared code (RapidCheck, the erased
// objectives in three precisions) is compiled once instead of once per family.
#include "tests/lib/objectives/family_traits.hpp"

namespace gdcheck::testing {
INSTANTIATE_TYPED_TEST_SUITE_P(Quadratic, ObjectiveFamily, QuadraticTraits);
INSTANTIATE_TYPED_TEST_SUITE_P(SeparableWells, ObjectiveFamily, SeparableWellsTraits);
INSTANTIATE_TYPED_TEST_SUITE_P(RidgeSum, ObjectiveFamily, RidgeSumTraits);
INSTANTIATE_TYPED_TEST_SUITE_P(PiecewiseCurvature, ObjectiveFamily, PiecewiseCurvatureTraits);
INSTANTIATE_TYPED_TEST_SUITE_P(NesterovSaddle, ObjectiveFamily, NesterovSaddleTraits);
INSTANTIATE_TYPED_TEST_SUITE_P(Octopus, ObjectiveFamily, OctopusTraits);
INSTANTIATE_TYPED_TEST_SUITE_P(LeastSquares, ObjectiveFamily, LeastSquaresTraits);
INSTANTIATE_TYPED_TEST_SUITE_P(SaddleFiniteSum, ObjectiveFamily, SaddleFiniteSumTraits);
INSTANTIATE_TYPED_TEST_SUITE_P(DeepLinearChain, ObjectiveFamily, DeepLinearChainTraits);
INSTANTIATE_TYPED_TEST_SUITE_P(TwoLayerRelu, ObjectiveFamily, TwoLayerReluTraits);
}  // namespace gdcheck::testing
