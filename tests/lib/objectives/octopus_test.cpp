// The octopus construction (lib/objectives/octopus.hpp) beyond the checks every family passes.
#include <rapidcheck.h>
#include <gtest/gtest.h>

#include "lib/objectives/octopus.hpp"
#include "properties/objective_generators.hpp"

namespace gdcheck {
namespace {

// The construction's spline claims (theory.md section 3), to 1e-40 at 50 digits.
TEST(OctopusConstruction, SplinesMatchTheirNeighboursToSecondOrder) {
  ASSERT_TRUE(rc::check([] {
    const OctopusSpec spec = *gen::octopus(6);
    const Octopus<Decimal50> f(spec);
    const Decimal50 tau = f.tau(), L(spec.curvature), gamma(spec.gamma), nu = f.nu();
    const Decimal50 scale = (L + gamma) * (1 + tau * tau);
    const auto near = [&](const Decimal50& a, const Decimal50& b) {
      return static_cast<double>(abs(a - b) / scale) <= 1e-40;
    };
    // g1 continues -gamma x^2 at tau and L (x - 4 tau)^2 - nu at 2 tau.
    RC_ASSERT(near(f.g1(tau), -gamma * tau * tau));
    RC_ASSERT(near(f.g1_d1(tau), -2 * gamma * tau));
    RC_ASSERT(near(f.g1_d2(tau), -2 * gamma));
    RC_ASSERT(near(f.g1(2 * tau), 4 * L * tau * tau - nu));
    RC_ASSERT(near(f.g1_d1(2 * tau), -4 * L * tau));
    RC_ASSERT(near(f.g1_d2(2 * tau), 2 * L));
    // g2 runs from L to -gamma, flat at both ends.
    RC_ASSERT(near(f.g2(tau), L));
    RC_ASSERT(near(f.g2(2 * tau), -gamma));
    RC_ASSERT(near(f.g2_d1(tau), 0) && near(f.g2_d1(2 * tau), 0));
    RC_ASSERT(near(f.g2_d2(tau), 0) && near(f.g2_d2(2 * tau), 0));
    RC_ASSERT(near(nu, (13 * gamma / 6 + 37 * L / 6) * tau * tau));
    // Saddle k has value -k nu and lies in the domain; so does the minimum.
    int k = 0;
    for (const auto& point : f.critical_points()) {
      RC_ASSERT(near(f.value(point.x), -Decimal50(k) * nu));
      RC_ASSERT(f.in_domain(point.x));
      ++k;
    }
  }));
}

TEST(OctopusConstruction, DomainQuery) {
  const Octopus<double> f(OctopusSpec{3, 1.0, 1.0, 1.0});
  EXPECT_TRUE(f.in_domain((Vector<double>(3) << 0.5, 0.9, -0.9).finished()));
  EXPECT_FALSE(f.in_domain((Vector<double>(3) << 0.5, 1.1, 0).finished()));  // |x_2| > tau after i = 0
  EXPECT_TRUE(f.in_domain((Vector<double>(3) << 3, 1.5, 0.2).finished()));   // i = 1
  EXPECT_EQ(f.first_small((Vector<double>(3) << 3, 3, 3).finished()), 3);
}

}  // namespace
}  // namespace gdcheck
