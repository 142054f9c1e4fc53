#include "tests/lib/scalar/eigen_solver_check.hpp"

TEST(EigenSolver, RecoversKnownSpectrumInDouble) {
  gdcheck::testing::expect_eigensolver_recovers_spectrum<double>();
}
