// The noise distributions of noisy GD and perturbed GD, and the Gaussian
// initialisation of the networks' weights, drawn from an Rng (lib/random.hpp),
// so a seed reproduces them exactly.
#pragma once

#include <cmath>

#include "lib/linear_algebra.hpp"
#include "lib/random.hpp"
#include "lib/validate.hpp"

namespace gdcheck {

// A rows x cols matrix of i.i.d. N(0, 1) entries, drawn column by column
// (a network's initialisation W(0), rows w_r(0) ~ N(0, I)).
inline Matrix<double> standard_normal(Rng& rng, int rows, int cols) {
  require_non_negative("standard_normal rows", rows);
  require_non_negative("standard_normal cols", cols);
  Matrix<double> m(rows, cols);
  for (double& entry : m.reshaped()) entry = rng.normal();
  return m;
}

// Uniform on the sphere of the given radius in R^d: a standard normal vector,
// normalised (its direction is uniform by rotation invariance; Muller 1959).
inline Vector<double> uniform_on_sphere(Rng& rng, int dimension, double radius = 1.0) {
  require_positive("sphere dimension", dimension);
  require_positive_finite("sphere radius", radius);
  Vector<double> xi(dimension);
  double norm = 0;
  while (!(norm > 0)) {  // a zero normal vector has probability 0, but not in floating point
    for (double& entry : xi) entry = rng.normal();
    norm = xi.norm();
  }
  return xi * (radius / norm);
}

// Uniform in the ball of the given radius in R^d: a uniform direction times
// radius U^(1/d), as P(||xi|| <= s) = (s / radius)^d.
inline Vector<double> uniform_in_ball(Rng& rng, int dimension, double radius) {
  const double scale = std::pow(rng.uniform01(), 1.0 / dimension);
  return uniform_on_sphere(rng, dimension, radius) * scale;
}

}  // namespace gdcheck
