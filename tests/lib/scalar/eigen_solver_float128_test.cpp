#include "tests/lib/scalar/eigen_solver_check.hpp"

TEST(EigenSolver, RecoversKnownSpectrumInFloat128) {
  gdcheck::testing::expect_eigensolver_recovers_spectrum<gdcheck::Float128>();
}
