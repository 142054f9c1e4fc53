// The power side of the Kolmogorov-Smirnov/DKW tests (issue 22, item 6):
// how far a law may be from the claimed one before one test rejects it with
// a stated probability. The false-alarm side is kolmogorov_smirnov.hpp's.
//
// A test rejects when D_n = sup_y |F_n(y) - F(y)| > threshold, F the claimed
// CDF and the threshold DKW's d(n, level) (plus a rounding allowance). If
// the samples are i.i.d. from G with sup |G - F| = D, the triangle inequality
// gives D_n >= D - sup |F_n - G|, and the DKW bound for G gives
// P(sup |F_n - G| > t) <= 2 exp(-2 n t^2). So
//     D >= threshold + d(n, 1 - power)  implies  P(reject) >= power,
// exactly, for any G (Massart's constant; no asymptotics).
//
// Each deviation below maps a bug's size x to that D: the exact sup distance
// between the law a buggy sampler draws and the claimed one, in closed form
// or as a maximum over a grid. A grid maximum is a lower bound of the sup, so
// it can only overstate the smallest detectable x, never understate it.
#pragma once

#include <functional>

namespace gdcheck {

// threshold + d(n, 1 - power): the distance from the claimed law that one
// test of n samples rejecting above `threshold` (the DKW d(n, level), plus
// any rounding allowance the test adds) detects with probability >= `power`.
double detectable_distance(double threshold, long samples, double power);

// Directions uniform on the sphere of R^d, but stretched by 1 + x along the
// test's unit e before normalising (an anisotropic sampler): the sup
// distance of the law of (xi.e/||xi||)^2 from Beta(1/2, (d - 1)/2). With
// c0^2 ~ Beta the stretched c^2 <= y iff c0^2 <= y / (y + (1 - y)(1 + x)^2),
// so both CDFs are incomplete beta functions; maximised on a grid. d >= 2, x >= 0.
double stretched_direction_distance(int dimension, double stretch);

// Perturbations uniform in the ball of radius r (1 - x) where r is claimed:
// (||xi||/r)^d is then (1 - x)^d U, whose CDF is off from U(0, 1)'s by
// 1 - (1 - x)^d at its largest. d >= 1, 0 <= x < 1.
double shrunk_ball_distance(int dimension, double shrink);

// Gaussian noise of scale 1 + x where 1 is claimed: sup_y |Phi(y) - Phi(y/(1 + x))|,
// attained where the densities cross, y^2 = 2 log s / (1 - 1/s^2), s = 1 + x. x >= 0.
double gaussian_scale_distance(double scale_error);

// The smallest x in (0, largest] with distance(x) >= target, for a distance
// that grows with x: bisection to a relative 1e-4, returning the upper end
// (so distance(result) >= target). Throws std::invalid_argument if
// distance(largest) < target: no bug of that family up to `largest` is detectable.
double smallest_detectable_effect(const std::function<double(double)>& distance, double target, double largest);

}  // namespace gdcheck
