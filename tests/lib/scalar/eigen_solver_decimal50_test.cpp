#include "tests/lib/scalar/eigen_solver_check.hpp"

TEST(EigenSolver, RecoversKnownSpectrumInDecimal50) {
  gdcheck::testing::expect_eigensolver_recovers_spectrum<gdcheck::Decimal50>();
}
