#include "tests/lib/scalar/eigen_solver_check.hpp"

TEST(EigenSolver, RecoversKnownSpectrumInDecimal100) {
  gdcheck::testing::expect_eigensolver_recovers_spectrum<gdcheck::Decimal100>();
}
