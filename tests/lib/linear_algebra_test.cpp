#include "lib/linear_algebra.hpp"

#include <cmath>

#include <gtest/gtest.h>

namespace gdcheck {
namespace {

// Eigen's norm() squares the entries: below ~1.5e-154 it returns 0 in double.
// A rounding bound built on 0 would claim an exact computation (it made a
// correct user GD fail the gradient-map check at iterates near 1e-163).
TEST(BoundNorm, DoesNotUnderflowWhereNormDoes) {
  Vector<double> tiny(2);
  tiny << 3e-170, 4e-170;
  EXPECT_EQ(tiny.norm(), 0.0);
  EXPECT_GE(bound_norm(tiny), 5e-170);
  EXPECT_LE(bound_norm(tiny), 5e-170 * (1 + 1e-14));
}

TEST(BoundNorm, IsNeverBelowTheNorm) {
  Vector<double> v(3);
  v << 1.0 / 3, -2.0 / 7, 1e-3;
  EXPECT_GE(bound_norm(v), v.norm());
  EXPECT_EQ(bound_norm(Vector<double>::Zero(4)), 0.0);
  EXPECT_TRUE(std::isnan(bound_norm(Vector<double>::Constant(2, NAN))));
}

}  // namespace
}  // namespace gdcheck
