// The other half of the sandwich (issue 12, item 4): an explicit function of
// the class that attains (nearly) the certified worst case, so that
//   attained <= true worst case <= certified.
//
// From the performance-estimation program's optimal Gram matrix, its top
// eigenvector (power iteration): when the matrix has rank one (the other
// eigenvalues sum to below 1e-7 of the first) the worst case is one-dimensional; an interior-point solver may
// return a higher-rank point of the optimal face, and its top eigenvector is
// tried all the same: whatever instance results is in the class, so its
// ratio is a lower bound either way. g_t = sqrt(lambda_1) v_t, x_t = -h sum_{i<t} g_i, f_t from
// the solution (shifted so that f* = 0, f_0 = 1). Between x-neighbours a < b
// a derivative profile with curvature +-sigma (|sigma| <= L) switching once
// takes f' from g_a to g_b with the integral f_b - f_a (bisection on sigma's
// family; the target clipped to the achievable interval, which the
// interpolation conditions contain up to the solver's accuracy); outside the
// hull, curvature +L, so f >= f_i - g_i^2/(2L) >= f* there. The result is a
// `PiecewiseCurvature` (every curvature in [-L, L]: in the class by
// construction), on which the library's GD from x_0 is run at 100 digits and
// min_{t<T} f'(x_t)^2 / (L (f(x_0) - f*)) measured with the instance's own
// exact f*. L = 1. The quadratic L x^2/2 is tried as well (exact at T = 1
// and for h >= 2), the dip profile (dip_profile below: exact for h <= 1),
// and, for h > 1 where the worst case is not one-dimensional, the Gram
// matrix's own instance: every eigen-direction kept, the L-smooth function
// through the data (lib/objectives/smooth_interpolant.hpp), run by GD at 100
// digits (attained_worst_case.cpp, from_gram_interpolant), and the closed
// form's own instance where it applies (rotating_worst_case_instance below).
// The largest ratio is kept.
#pragma once

#include <optional>
#include <string>

#include "lib/objectives/piecewise_curvature.hpp"
#include "theorems/performance_estimation.hpp"

namespace gdcheck::performance_estimation {

struct AttainedWorstCase {
  bool built = false;
  std::string reason;            // why not, when not built
  int dimension = 1;             // of the instance; 1: `instance` and `start` below describe it
  PiecewiseCurvatureSpec instance;
  double start = 0;              // x_0
  double ratio = 0;              // min_{t<T} f'(x_t)^2 / (f(x_0) - f*), GD run at 100 digits
  bool rank_one = false;         // the solver's Gram matrix had rank one (else its top eigenvector was used)
  std::string construction;      // which candidate attained `ratio`
};

// min_{t<T} f'(x_t)^2 / (L (f(x_0) - f*)) of the library's GD on the
// instance, T steps of alpha = h (L = 1) from `start`, at 100 digits, with
// the instance's own exact f*.
double measured_ratio(const PiecewiseCurvatureSpec& spec, double start, int gradients, double step_times_lipschitz);

// From a solved nonconvex program (performance_estimation.hpp): the best of
// the top-eigenvector instance, the quadratic, the dip profile, the Gram
// matrix's interpolant and the rotating worst case below.
AttainedWorstCase attain(const SolvedProgram& solved);

// The solver's Gram matrix's instance alone: every
// eigen-direction kept, interpolated, run by GD at 100 digits.
AttainedWorstCase gram_interpolant(const SolvedProgram& solved);

// Rotaru, Glineur & Patrinos's worst case for 1 < h < 2 and T - 1 > Nbar(h)
// (theorems/exact_gd_rate.hpp): their tightness data in R^3, gradients on
// the saddle quadratic (x_1^2 - x_2^2)/2 for Nbar steps, then turning in a
// plane at norm 1; interpolated and run by GD at 100 digits like the Gram
// matrix's instance. Its ratio is the exact rate (to the mixing weight,
// 1e-40). Not built (with the reason) outside that range.
AttainedWorstCase rotating_worst_case_instance(int gradients, double step_times_lipschitz);

// The dip profile for T gradients and h = alpha L (L = 1): one-dimensional,
// f'(x_t) = 1 at every iterate x_t = -t h, dipping between neighbours with
// curvature -1 then +1 (to 1 - h/2 at the midpoint: the least a step with
// equal gradients at both ends can decrease f, h (1 - h/4)), and curvature
// +1 outside [x_{T-1}, x_0] (from x_{T-1}, f falls by 1/2 to f*). So
//   min_{t<T} f'(x_t)^2 / (f(x_0) - f*) = 4 / (2 + (T - 1) h (4 - h))
// (dip_profile_value): 2 at T = 1, 4 / (3T - 1) at h = 1.
PiecewiseCurvatureSpec dip_profile(int gradients, double step_times_lipschitz);
double dip_profile_value(int gradients, double step_times_lipschitz);

// The convex and strongly convex programs' lower sides, L = 1, x_0 = 1,
// x* = 0, each the best of explicit one-dimensional members of the class,
// measured by the library's GD at 100 digits:
//  - convex, (f(x_N) - f*) / ||x_0 - x*||^2: Drori & Teboulle's Huber
//    function (curvature 1 on [-tau, tau], 0 outside, tau = 1/(2Nh + 1):
//    every iterate stays in the linear part, f(x_N) = 1/(4Nh + 2)), and the
//    quadratic x^2/2 ((1 - h)^{2N}/2, larger once h is near 2);
//  - strongly convex, ||x_N - x*||^2 / ||x_0 - x*||^2: the quadratics with
//    curvature 1 and mu/L ((1 - h)^{2N} and (1 - h mu/L)^{2N}).
struct AttainedValue {
  double value = 0;
  std::string construction;
};
AttainedValue attained_gd_on_smooth_convex(int steps, double step_times_lipschitz);
AttainedValue attained_gd_on_smooth_strongly_convex(int steps, double step_times_lipschitz, double curvature_ratio);
AttainedWorstCase attained_gd_on_smooth_nonconvex(int gradients, double step_times_lipschitz);

}  // namespace gdcheck::performance_estimation
