// The certifier audited with spoiled duals (theorems/certificate_audit.hpp),
// and the dip profile that gives the audit its reference values
// (theorems/attained_worst_case.hpp).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "theorems/attained_worst_case.hpp"
#include "theorems/certificate_audit.hpp"

namespace gdcheck::performance_estimation {
namespace {

// The dip profile's measured ratio (GD at 100 digits on the instance, its own
// f*) is its closed form: the instance is what the closed form says. With
// h a dyadic number every breakpoint (-t h, -t h + h/2) and every iterate is
// exact, so the two differ by the closed form's own rounding in double (five
// operations) and the ratio's conversion to double: 8 ulps.
TEST(DipProfile, AttainsItsClosedForm) {
  for (const int gradients : {1, 2, 5, 10, 20, 50}) {
    for (const double h : {0.25, 0.5, 1.0, 1.5, 1.875}) {
      const double measured = measured_ratio(dip_profile(gradients, h), 0, gradients, h);
      EXPECT_NEAR(measured, dip_profile_value(gradients, h), 8 * 0x1p-53 * measured) << gradients << " " << h;
    }
  }
}

// Any horizon for h <= 1 (issue 25, item 3): the closed-form dual, verified
// by the certifier at 100 digits with no solver, certifies the dip profile's
// value, so the two meet: the rate 4 / (2 + (T - 1) h (4 - h)) is exact. The
// gap is the certificate's charges on a dual whose entries are rounded to
// double (relative 1e-15 each, times variable bounds <= 2 and ~3T rows, plus
// the PSD shift of the singular Y at ~1e-14 on each of the ~2T touched Gram
// entries): at most 1e-11 for T <= 50.
TEST(CertificateInClosedForm, MeetsTheDipProfileAtEveryHorizon) {
  double largest_gap = 0;
  for (const int gradients : {1, 2, 5, 10, 20, 50}) {
    for (const double h : {0.25, 0.5, 1.0}) {
      const Certificate c = certify_nonconvex_in_closed_form(gradients, h);
      ASSERT_TRUE(c.verified) << c.failure << " T = " << gradients << ", h = " << h;
      const double attained = dip_profile_value(gradients, h);
      EXPECT_GE(c.upper, attained) << gradients << " " << h;
      EXPECT_LE(c.upper - attained, 1e-11) << gradients << " " << h;
      largest_gap = std::max(largest_gap, c.upper - attained);
    }
  }
  std::printf("largest certified - attained: %.2e\n", largest_gap);
}

// The structured verifier of the same certificate (no program built) agrees
// with the dense one wherever both run, and certifies T = 10^6 at once.
TEST(CertificateInClosedForm, StructuredVerifierAgreesAndReachesAMillionSteps) {
  for (const int gradients : {1, 2, 3, 4, 5, 6, 10, 50}) {
    for (const double h : {0.25, 0.5, 1.0}) {
      const Certificate dense = certify_nonconvex_in_closed_form(gradients, h);
      const Certificate structured = certify_nonconvex_in_closed_form_structured(gradients, h);
      ASSERT_TRUE(structured.verified) << structured.failure;
      // Both bound the same value; the structured one charges no PSD shift.
      EXPECT_GE(structured.upper, dip_profile_value(gradients, h)) << gradients << " " << h;
      EXPECT_LE(structured.upper, dense.upper) << gradients << " " << h;
      EXPECT_LE(structured.upper - dip_profile_value(gradients, h), 1e-15) << gradients << " " << h;
    }
  }
  for (const long gradients : {100L, 1000L, 1000000L}) {
    const Certificate c = certify_nonconvex_in_closed_form_structured(gradients, 1.0);
    ASSERT_TRUE(c.verified);
    EXPECT_GE(c.upper, 4 / (3.0 * gradients - 1));
    EXPECT_LE(c.upper - 4 / (3.0 * gradients - 1), 1e-15 * c.upper) << gradients;
  }
}

// The certifier, given every spoiled dual of the audit, refuses or stays at
// least the attained value, in every cell of the default grid's first three
// horizons.
TEST(CertificateAudit, TheCertifierPassesEveryAudit) {
  for (const int gradients : {2, 5, 10}) {
    for (const double h : {0.25, 0.5, 1.0, 1.5, 1.9}) {
      const SolvedProgram solved = solve_gd_on_smooth_nonconvex(gradients, h);
      const double reference = attain(solved).ratio;
      const auto finding = audit_certifier(
          solved, reference, [](const SolvedProgram& s) { return certify(s); }, 7);
      EXPECT_FALSE(finding) << "T = " << gradients << ", h = " << h << ": " << finding->perturbation
                            << " certified " << finding->certificate.upper << " < attained " << reference;
    }
  }
}

}  // namespace
}  // namespace gdcheck::performance_estimation
