// Performance estimation: the exact worst case of N steps of GD over a
// function class, as a semidefinite program over the Gram matrix of the
// iterates and gradients (Drori & Teboulle 2014, Math. Program. 145;
// Taylor, Hendrickx, Glineur 2017, Math. Program. 161, "Smooth strongly
// convex interpolation and exact worst-case performance of first-order
// methods").
//
// GD x_{k+1} = x_k - (h/L) g_k, k = 0..N-1, on L-smooth convex f with a
// minimiser x*. With L = 1 and ||x_0 - x*|| <= 1 (both scale out), the
// worst f(x_N) - f* is the SDP
//   maximise f_N over G = Gram(x_0 - x*, g_0, ..., g_N) >= 0 and f_0..f_N,
//   subject to, for all i != j in {*, 0, ..., N} (x* = 0, g* = 0, f* = 0),
//     f_i >= f_j + <g_j, x_i - x_j> + ||g_i - g_j||^2 / 2   (Taylor et al., Theorem 4:
//   these conditions are necessary and sufficient for an L-smooth convex
//   function through the points to exist), and G_00 <= 1.
// Drori & Teboulle proved the value L/(4Nh + 2) for h = 1 and Taylor et al.
// observed it for h in (0, 1]; the test compares the solver with it.
#pragma once

#include <algorithm>
#include <optional>

#include "theorems/semidefinite_program.hpp"

namespace gdcheck::performance_estimation {

// Throws std::invalid_argument for steps < 1 or h not in (0, 2).
SemidefiniteProgram gd_on_smooth_convex(int steps, double step_times_lipschitz);

struct WorstCase {
  SdpStatus status = SdpStatus::not_converged;
  double value = 0;        // the solver's primal value: a lower bound up to its accuracy
  double dual_bound = 0;   // the solver's dual value: an upper bound up to its accuracy (not certified)
};

// (f(x_N) - f*) / (L ||x_0 - x*||^2) in the worst case, by SDPA.
WorstCase gd_on_smooth_convex_worst_case(int steps, double step_times_lipschitz);

// L-smooth mu-strongly convex f, distance contraction: the worst
// ||x_N - x*||^2 / ||x_0 - x*||^2 (L = 1, kappa = mu/L in (0, 1)), with the
// interpolation conditions of Taylor, Hendrickx, Glineur 2017, Theorem 4:
//   f_i >= f_j + <g_j, x_i - x_j> + (||g_i - g_j||^2/L + mu ||x_i - x_j||^2
//          - 2 (mu/L) <g_j - g_i, x_j - x_i>) / (2 (1 - mu/L)),
// necessary and sufficient, so the value is exact. The known value is
// max(|1 - h|, |1 - h mu/L|)^{2N}, attained by a quadratic with curvature L
// or mu (strongly_convex_contraction); the test compares the solver with it.
// Throws std::invalid_argument for N < 1, h not in (0, 2), mu/L not in (0, 1).
SemidefiniteProgram gd_on_smooth_strongly_convex(int steps, double step_times_lipschitz, double curvature_ratio);
WorstCase gd_on_smooth_strongly_convex_worst_case(int steps, double step_times_lipschitz, double curvature_ratio);
double strongly_convex_contraction(int steps, double step_times_lipschitz, double curvature_ratio);

// The lecture's class: L-smooth, not necessarily convex, f >= f*. With T
// gradients g_0..g_{T-1} taken (points x_0..x_T), the worst
//   min_{t < T} ||grad f(x_t)||^2 / (L (f(x_0) - f*))
// over the SDP with the interpolation conditions of L-smooth functions
// (Taylor, Hendrickx, Glineur 2017, Theorem 3.10 with mu = -L):
//   f_i >= f_j + <g_i + g_j, x_i - x_j>/2 + ||g_i - g_j||^2/(4L) - L ||x_i - x_j||^2/4,
// and, standing in for f >= f* everywhere, its consequence at every point
// f(x_i) - ||g_i||^2/(2L) >= f* (the upper quadratic bound at x_i - g_i/L).
// With rows between all pairs of iterates these are also sufficient, so the
// value is the worst case over L-smooth functions bounded below by f*: data
// meeting them are interpolated by SmoothInterpolant
// (lib/objectives/smooth_interpolant.hpp), whose infimum is exactly
// min_i f_i - ||g_i||^2/(2L). Rows between consecutive iterates only: a relaxation (fewer constraints, so still an upper bound) with
// about 2T instead of (T + 1)^2 rows, which solves T = 50 in ~0.75 s instead
// of ~17 s. Measured: for T <= 20 at alpha L in {0.25, 1, 1.5} the two agree
// to the solver's gap; at alpha L = 1.9 the relaxation is looser (T = 5:
// 0.4218 against 0.4213 of the lecture's bound).
// Throws std::invalid_argument for T < 1 or h not in (0, kLargestNonconvexStep):
// steps h >= 2 are modelled for the negative control (the theorem's h < 2
// dropped); the certificate needs h < 2.
inline constexpr double kLargestNonconvexStep = 4;
// all: every pair; consecutive: |i - j| = 1; within_two: |i - j| <= 2, the
// rows of an iterate and its two predecessors, which Rotaru, Glineur &
// Patrinos (2024, arXiv:2406.17506) show are what the exact rate needs.
enum class InterpolationPairs { all, consecutive, within_two };
SemidefiniteProgram gd_on_smooth_nonconvex(int gradients, double step_times_lipschitz,
                                           InterpolationPairs pairs = InterpolationPairs::consecutive);

// Where gd_on_smooth_nonconvex(T, h, pairs) puts each row -- the builder
// places its rows by these numbers, so a dual written from known multipliers
// (performance_certificate.hpp, certificate_audit.hpp) reads the same order:
// the interpolation rows (i, j), i-major, j ascending over the i != j in 0..T
// with |i - j| <= band(); then the T slack rows tau <= ||g_t||^2; then the
// T + 1 rows f_i - ||g_i||^2/2 >= f*.
struct NonconvexRows {
  NonconvexRows(int gradients, InterpolationPairs pairs)
      : NonconvexRows(gradients, pairs == InterpolationPairs::all           ? gradients
                                 : pairs == InterpolationPairs::consecutive ? 1
                                                                            : 2) {}
  // Rows between the pairs with |i - j| <= band (band >= T: all pairs).
  NonconvexRows(int gradients, int band) : gradients(gradients), band_(std::clamp(band, 1, std::max(gradients, 1))) {}
  int gradients;  // T
  int points() const { return gradients + 1; }  // x_0..x_T
  int band() const { return band_; }
  int interpolation_rows() const { return rows_before(gradients + 1); }
  // Row (i, j), i != j, |i - j| <= band().
  int pair(int i, int j) const { return rows_before(i) + (j - std::max(0, i - band())) - (j > i ? 1 : 0); }
  int slack(int t) const { return interpolation_rows() + t; }
  int floor(int i) const { return interpolation_rows() + gradients + i; }
  int rows() const { return floor(gradients + 1); }

 private:
  // sum_{k < n} min(k, band()): the partners below the rows 0..n-1.
  long partners_below(long n) const {
    const long b = band();
    return n <= b ? n * (n - 1) / 2 : b * (b - 1) / 2 + b * (n - b);
  }
  // Interpolation rows of the points 0..i-1: each has min(k, b) partners
  // below and min(T - k, b) above.
  int rows_before(int i) const {
    return static_cast<int>(partners_below(i) + partners_below(gradients + 1) - partners_below(gradients + 1 - i));
  }
  int band_;
};
SemidefiniteProgram gd_on_smooth_nonconvex(const NonconvexRows& rows, double step_times_lipschitz);
WorstCase gd_on_smooth_nonconvex_worst_case(int gradients, double step_times_lipschitz,
                                            InterpolationPairs pairs = InterpolationPairs::consecutive);

// The nonconvex program with interpolation rows between all pairs for
// T <= kAllPairsUpTo (~0.1 s at 20), between an iterate and its two
// predecessors beyond (1.1 s at T = 50; the same value as all pairs where
// both were solved, PerformanceEstimation.WithinTwoPairsMatchAllPairs, and
// all pairs take 27-42 s at 50), and SDPA's solution of it: what the
// certificate and the attained instance are both built from.
inline constexpr int kAllPairsUpTo = 20;
struct SolvedProgram {
  int gradients = 0;
  double step_times_lipschitz = 0;
  SemidefiniteProgram program;
  SdpSolution solution;
  int band = 0;  // the nonconvex program's rows: |i - j| <= band (NonconvexRows); 0 for other programs
};
SolvedProgram solve_gd_on_smooth_nonconvex(int gradients, double step_times_lipschitz, int band);
SolvedProgram solve_gd_on_smooth_nonconvex(int gradients, double step_times_lipschitz);

// One GD step on the lecture's class (issue 25, item 5): the least
// (f(x_0) - f(x_1)) - h (1 - h/2) ||grad f(x_0)||^2, the decrease beyond the
// descent lemma's demand, over L-smooth f (L = 1), x_1 = x_0 - h g_0, with the
// two points' interpolation rows (as above) and ||g_0||^2 = 1. Its value is
// 0: the lemma is exact at every step size (the certificate in closed form:
// performance_certificate.hpp). Rows: the (0, 1) and (1, 0) interpolation
// rows, then G_00 - 1 >= 0 and 1 - G_00 >= 0. Throws for h not in (0, 2).
SemidefiniteProgram gd_one_step_descent(double step_times_lipschitz);

// The lecture's bound for the same ratio: 1 / (T h (1 - h/2)).
inline double lecture_bound(int gradients, double h) { return 1 / (gradients * h * (1 - h / 2)); }

// Its exact value in closed form, at every h in (0, 2): theorems/exact_gd_rate.hpp.

// 1 / (4 N h + 2).
double drori_teboulle_value(int steps, double step_times_lipschitz);

}  // namespace gdcheck::performance_estimation
