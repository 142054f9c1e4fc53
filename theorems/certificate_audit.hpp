// The certifier of performance_certificate.hpp, audited with duals that are
// not optimal (issue 25, item 2). Every test that feeds it SDPA's near-optimal
// duals exercises its charges only at ~1e-7, where leaving one out changes
// nothing visible; the audit certifies deliberately spoiled duals instead,
// where each charge is what keeps the value an upper bound:
//  - the multipliers scaled entry-wise by 1 + eps s_i (s_i = +-1, eps = 1e-6,
//    1e-4, 1e-2): the residuals rho move by ~eps;
//  - the multipliers lowered by eps max|lambda| (inactive rows turn negative);
//  - the dual matrix Y - eps ||Y|| u u^T, u a random unit vector (a negative
//    eigenvalue where Y is singular, as it is at the optimum);
//  - the whole dual of the neighbouring step sizes h (1 +- 1e-3), same T;
//  - the dual of the neighbouring horizons T - 1 and T + 1 (both programs
//    with all pairs, T <= 20), moved row by row and padded or cut.
// A valid certifier, for each, either refuses (verified false, with its
// reason) or certifies a value at least the reference, a value the class
// attains (<= the true worst case: attain(), attained_worst_case.hpp); the
// first case where it does neither is the finding.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "theorems/performance_certificate.hpp"

namespace gdcheck::performance_estimation {

struct AuditFinding {
  std::string perturbation;  // which spoiled dual
  Certificate certificate;   // what the certifier said of it
  double reference = 0;      // the attained value it went below
};

using Certifier = std::function<Certificate(const SolvedProgram&)>;

// Audits `certifier` on the spoiled duals of `solved` (seeded: the same seed
// spoils the same way). `reference`: a value the class attains. Returns the
// first case that is neither refused nor at least `reference` (a certified
// value is rounded up to double, the reference to nearest: it may exceed the
// true value by half an ulp, which the comparison allows).
std::optional<AuditFinding> audit_certifier(const SolvedProgram& solved, double reference, const Certifier& certifier,
                                            std::uint64_t seed);

}  // namespace gdcheck::performance_estimation
