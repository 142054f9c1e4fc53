#include "tests/lib/objectives/family_traits.hpp"

namespace gdcheck::testing {
INSTANTIATE_TYPED_TEST_SUITE_P(LeastSquares, ObjectiveFamily, LeastSquaresTraits);
}  // namespace gdcheck::testing
