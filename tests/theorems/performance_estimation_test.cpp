#include "theorems/performance_estimation.hpp"

#include <gtest/gtest.h>

#include "tests/lib/optimizers/expect_rejected.hpp"

namespace gdcheck::performance_estimation {
namespace {

// Drori & Teboulle's exact worst case 1/(4Nh + 2) for h in (0, 1] lies
// between the solver's primal value (a feasible point: a lower bound) and its
// dual value (an upper bound), up to their feasibility errors (~1e-14 here),
// and `optimal` means those two are within kOptimalGap max(1, |value|).
TEST(PerformanceEstimation, SmoothConvexGdMatchesDroriTeboulle) {
  for (const int steps : {1, 2, 5, 10}) {
    for (const double h : {0.5, 1.0}) {
      const WorstCase w = gd_on_smooth_convex_worst_case(steps, h);
      ASSERT_EQ(w.status, SdpStatus::optimal) << steps << " " << h;
      const double exact = drori_teboulle_value(steps, h);
      EXPECT_LE(w.value, exact + 1e-12) << steps << " " << h;
      EXPECT_GE(w.dual_bound, exact - 1e-12) << steps << " " << h;
      EXPECT_LE(w.dual_bound - w.value, kOptimalGap) << steps << " " << h;
    }
  }
}

TEST(PerformanceEstimation, BadInputsAreNamed) {
  gdcheck::testing::expect_rejected([] { gd_on_smooth_convex(0, 1.0); }, "steps");
  gdcheck::testing::expect_rejected([] { gd_on_smooth_convex(3, 0.0); }, "h = alpha L");
  gdcheck::testing::expect_rejected([] { gd_on_smooth_convex(3, 2.0); }, "h = alpha L");
  SemidefiniteProgram bad;
  gdcheck::testing::expect_rejected([&] { solve(bad); }, "SemidefiniteProgram.variables");
}

}  // namespace
}  // namespace gdcheck::performance_estimation
