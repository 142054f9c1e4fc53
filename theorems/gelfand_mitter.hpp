// Gelfand-Mitter annealing: SGLD with alpha_t = A/t, beta_t^2 = B/(t log log t)
// converges in probability to the global minimisers when B/A exceeds a
// constant of the landscape.
//
// Source: Gelfand & Mitter, "Recursive stochastic algorithms for global
// optimization in R^d", SIAM J. Control Optim. 29 (1991); lecture slide
// "SGLD"; theory.md section 7; the critical depth of annealing: Hajek,
// Math. Oper. Res. 13 (1988), and Chiang, Hwang & Sheu, SIAM J. Control
// Optim. 25 (1987) for the diffusion.
//
// The threshold for a 1-D tilted double well, derived: over a step, SGLD's
// drift moves by alpha_t grad f and its noise has variance beta_t^2, so in the
// time s = sum alpha_t ~ A log t it follows dX = -grad f ds + sigma dW with
// sigma^2 = beta_t^2 / alpha_t = B / (A log log t), whose Gibbs law is
// exp(-f / T) with T = sigma^2 / 2 = B / (2 A log log t) ~ (B / (2 A)) / log s.
// Annealing at T(s) = c / log s reaches the global minimum in probability
// iff c >= d*, the critical depth: the largest depth (barrier minus minimum)
// of a non-global minimum's well (Hajek's condition, integral of
// exp(-d*/T(s)) ds diverging). Here d* = h(barrier) - h(non-global minimum),
// so the threshold is B/A = 2 d*; for a separable sum of such wells, leaving
// a non-global minimum needs one coordinate to cross its barrier, so
// d* = max_j d*_j.
//
// What is checked (a finite consequence; convergence itself is asymptotic):
// above the threshold, at the horizon, the fraction of runs in the global
// minimum's basin exceeds what plain GD from the same initial law gets. In 1-D
// with alpha_t sup|h''| < 1, a GD step is increasing in x, so GD never crosses
// the barrier (a fixed point): its global-basin fraction is exactly the
// initial law's mass of that basin (2^-k for k wells started symmetric about
// their barriers). Not checked: the limit t -> infinity, and
// that below the threshold convergence fails (the table shows the frozen
// fraction at the horizons run).
#pragma once

#include <algorithm>
#include <cmath>
#include <string_view>

#include "lib/objectives/separable_wells.hpp"
#include "lib/objectives/well_piece.hpp"
#include "lib/optimizers/stochastic_gradient_langevin.hpp"

namespace gdcheck::gelfand_mitter {

inline constexpr std::string_view name = "gelfand-mitter-annealing";
inline constexpr std::string_view statement =
    "SGLD, alpha_t = A/t, beta_t^2 = B/(t log log t), B/A > 2 d* (d* the critical depth): x_t -> global minima in "
    "probability";

// The well's critical points and its critical depth d*.
struct WellGeometry {
  double global_minimum, barrier, other_minimum;
  double critical_depth;  // h(barrier) - h(other minimum) > 0
};

// Throws std::invalid_argument unless h has three critical points and a
// strictly lower one (t != 0).
WellGeometry well_geometry(const WellPieceSpec& well);

// B/A above which annealing converges: 2 d*.
inline double threshold_ratio(const WellGeometry& g) { return 2 * g.critical_depth; }

// Whether y lies in the global minimum's basin (the barrier's side of it).
inline bool in_global_basin(const WellGeometry& g, double y) {
  return g.global_minimum < g.barrier ? y < g.barrier : y > g.barrier;
}

// Starts uniform on [b - w, b + w] around the barrier b put half the initial
// mass in each basin; w is half the distance to the nearer minimum.
inline double start_half_width(const WellGeometry& g) {
  return std::min(std::abs(g.global_minimum - g.barrier), std::abs(g.other_minimum - g.barrier)) / 2;
}

// The annealing runs' schedule for wells of curvature at most sup|h''| and
// critical depth d*: A = 8 / sup|h''| (so alpha_0 = A/16 = 1/(2 sup|h''|) and
// every step with the noise removed is increasing in each coordinate),
// B = threshold_factor x 2 d* x A, stochastic-gradient noise Q = 1.
inline StochasticGradientLangevinOptions annealing_schedule(double curvature_bound, double critical_depth,
                                                            double threshold_factor, long steps) {
  StochasticGradientLangevinOptions options;
  options.schedule = LangevinSchedule::gelfand_mitter;
  options.step = 8 / curvature_bound;
  options.noise = threshold_factor * 2 * critical_depth * options.step;
  options.gradient_noise_second_moment = 1;
  options.max_iterations = steps;
  return options;
}

// SGLD's end point from `start` on the separable landscape f: one annealing
// run of the properties' Monte Carlo loops, compiled once here.
Vector<double> annealed_end(const SeparableWells<double>& f, const Vector<double>& start,
                            const StochasticGradientLangevinOptions& options);

}  // namespace gdcheck::gelfand_mitter
