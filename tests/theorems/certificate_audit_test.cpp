// The certifier audited with spoiled duals (theorems/certificate_audit.hpp),
// and the dip profile that gives the audit its reference values
// (theorems/attained_worst_case.hpp).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "theorems/attained_worst_case.hpp"
#include "theorems/certificate_audit.hpp"
#include "theorems/exact_gd_rate.hpp"

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

// Any horizon for h <= sqrt 3 (issue 25, item 3): the closed-form dual,
// verified by the certifier at 100 digits with no solver, certifies the
// exact rate (theorems/exact_gd_rate.hpp), and an explicit instance run by GD
// at 100 digits attains it -- the dip profile for h <= 1 (its value checked
// against GD by DipProfile.AttainsItsClosedForm), the rotating worst case
// above 1, the quadratic at T = 1 -- so the two meet. The gap is the
// certificate's charges on a dual whose entries are rounded to double
// (relative 1e-15 each, times variable bounds <= 2 and ~4T rows, plus the
// PSD shift of the singular Y at ~1e-14 on each of the ~2T touched Gram
// entries): at most 1e-11 for T <= 50.
double attained_value(int gradients, double h) {
  if (gradients == 1) return 2;  // the quadratic L x^2/2
  if (h <= 1) return dip_profile_value(gradients, h);
  const AttainedWorstCase a = rotating_worst_case_instance(gradients, h);
  EXPECT_TRUE(a.built) << a.reason;
  return a.ratio;
}
const double kClosedFormSteps[] = {0.25, 0.5, 1.0, 1.25, 1.5, std::sqrt(3.0)};

TEST(CertificateInClosedForm, MeetsTheAttainedWorstCaseAtEveryHorizon) {
  double largest_gap = 0;
  for (const int gradients : {1, 2, 5, 10, 20, 50}) {
    for (const double h : kClosedFormSteps) {
      const Certificate c = certify_nonconvex_in_closed_form(gradients, h);
      ASSERT_TRUE(c.verified) << c.failure << " T = " << gradients << ", h = " << h;
      const double attained = attained_value(gradients, h);
      EXPECT_GE(c.upper, attained) << gradients << " " << h;
      EXPECT_LE(c.upper - attained, 1e-11) << gradients << " " << h;
      largest_gap = std::max(largest_gap, c.upper - attained);
    }
  }
  std::printf("largest certified - attained: %.2e\n", largest_gap);
  EXPECT_THROW(certify_nonconvex_in_closed_form(5, 1.75), std::invalid_argument);
  EXPECT_THROW(certify_nonconvex_in_closed_form_structured(5, 0.0), std::invalid_argument);
}

// The structured verifier of the same certificate (no program built) agrees
// with the dense one wherever both run, and certifies T = 10^6 at once.
TEST(CertificateInClosedForm, StructuredVerifierAgreesAndReachesAMillionSteps) {
  for (const int gradients : {1, 2, 3, 4, 5, 6, 10, 50}) {
    for (const double h : kClosedFormSteps) {
      const Certificate dense = certify_nonconvex_in_closed_form(gradients, h);
      const Certificate structured = certify_nonconvex_in_closed_form_structured(gradients, h);
      ASSERT_TRUE(structured.verified) << structured.failure;
      const double exact = closed_form_rate(gradients, h)->value;
      // Both bound the same value; the structured one charges no PSD shift.
      EXPECT_GE(structured.upper, exact * (1 - 1e-15)) << gradients << " " << h;
      EXPECT_LE(structured.upper, dense.upper) << gradients << " " << h;
      EXPECT_LE(structured.upper - exact, 1e-15) << gradients << " " << h;
    }
  }
  for (const long gradients : {100L, 1000L, 1000000L}) {
    for (const double h : {1.0, 1.5}) {
      const Certificate c = certify_nonconvex_in_closed_form_structured(gradients, h);
      ASSERT_TRUE(c.verified);
      const double exact = closed_form_rate(gradients, h)->value;
      EXPECT_GE(c.upper, exact * (1 - 1e-15));
      EXPECT_LE(c.upper - exact, 1e-15 * c.upper) << gradients << " " << h;
    }
  }
}

// A multiplier of the closed-form dual off by 0.1% leaves residuals that the
// structured verifier charges: the certificate stays above the exact rate,
// by at least the residual's cost (0.1% of a multiplier of order 1/R, times
// the variable bound, at least 1e-4 of the value at T = 10 and 10^6), where
// the exact dual's certificate is within 1e-15.
TEST(CertificateInClosedForm, SpoiledMultipliersAreCharged) {
  using Scale = double ClosedFormScales::*;
  for (const long gradients : {10L, 1000000L}) {
    for (const double h : {0.5, 1.5}) {
      const double exact = closed_form_rate(gradients, h)->value;
      for (const Scale scale : {&ClosedFormScales::forward, &ClosedFormScales::backward, &ClosedFormScales::first,
                                &ClosedFormScales::second, &ClosedFormScales::weight}) {
        // A regime's zero multipliers (backward for h <= 1, the weight above
        // 1) stay zero when scaled: only the ones it uses are spoiled.
        if ((scale == &ClosedFormScales::weight && h > 1) || (scale == &ClosedFormScales::backward && h <= 1)) continue;
        ClosedFormScales scales;
        scales.*scale = 1.001;
        const Certificate c = certify_nonconvex_in_closed_form_structured(gradients, h, scales);
        ASSERT_TRUE(c.verified);
        EXPECT_GE(c.upper, exact * (1 + 1e-4)) << gradients << " " << h;
      }
    }
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
