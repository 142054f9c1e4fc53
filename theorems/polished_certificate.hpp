// A certificate aimed at a known attained value (issue 25, item 1): SDPA's
// dual stops near a relative gap of 1e-6 in double, so its certificate sits
// up to ~1e-5 above the worst case. Where an explicit instance attains a
// value (attained_worst_case.hpp), the dual can be moved onto it:
//
//  - keep the solver's face: the multipliers above 1e-7 of the largest (the
//    rows it uses) and the range of its dual matrix Y (eigenvalues above 1e-7
//    of the largest), Y = V Z V^T with Z free;
//  - find, by alternating projections in double (weighted least squares
//    onto the equations, then negative multipliers and eigenvalues of Z
//    clipped to 0; 30 rounds), multipliers and Z near the solver's that make
//    every dual equality hold and the dual value equal the target (the
//    attained value); which multipliers count as the face's is tried at five
//    cuts (1e-7 .. 1e-3 of the largest) and the least certificate kept;
//  - hand the result to the certifier (performance_certificate.hpp), which
//    checks it at 100 digits and charges whatever residual, negative
//    multiplier or indefiniteness is left, as for any dual.
//
// Nothing is assumed about the target: a target below the worst case makes
// the system inconsistent (no dual reaches a value below the optimum), and
// the residuals left are charged; the certificate is then looser, never
// wrong. Where the face is right and the target is the optimum, the system
// is consistent and the certificate meets the target to the certifier's
// charges on a dual rounded to double plus what residual is left. Measured:
// on the near-rows program (rows within two steps, Rotaru et al.'s; a
// relaxation, so its value bounds the worst case too) within 7e-11 at
// T = 5, 10, 20 and h = 1.5, 1.9, 1.99; on the all-pairs program, whose dual
// face is more degenerate, only 5e-9 .. 1e-6 at h = 1.9.
#pragma once

#include "theorems/performance_certificate.hpp"

namespace gdcheck::performance_estimation {

// The nonconvex program's dual (solved.program must be gd_on_smooth_nonconvex),
// moved to the value `target` on the solver's face: the program with that
// dual, and its certificate.
SolvedProgram polished_dual(const SolvedProgram& solved, double target);
Certificate certify_polished(const SolvedProgram& solved, double target);
// The same for the convex and strongly convex programs, certified with
// their variable bounds (certify_convex_program).
Certificate certify_polished_convex(const SolvedProgram& solved, double target);

// Any horizon T >= Nbar + 6 for sqrt 3 < h < 2, where no closed-form dual is
// known (issue 25, item 3): the near-rows program at T0 = Nbar + 6 solved by
// SDPA, its dual polished onto the exact rate (exact_gd_rate.hpp) at T0,
// its steps from Nbar + 2 on set to the closed form's per-step pattern, and
// T - T0 more of them inserted (certify_with_repeated_tail,
// performance_certificate.hpp). One SDP of size Nbar + 7 and one 100-digit
// account of its dual, whatever T. Throws std::invalid_argument for h
// outside (sqrt 3, 2) or T < Nbar + 6.
Certificate certify_nonconvex_at_any_horizon(long gradients, double step_times_lipschitz);

}  // namespace gdcheck::performance_estimation
