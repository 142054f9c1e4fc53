// A user's noisy gradient descent, written without gdcheck: plain vectors, a
// gradient callback and its own random number generator. The code under test.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <random>
#include <vector>

namespace mylib {

using Gradient = std::function<std::vector<double>(const std::vector<double>&)>;

// `iterations` steps of x <- x - learning_rate * (grad(x) + xi), xi uniform
// on the sphere of radius `radius` (a Gaussian vector, normalised), drawn from
// a generator seeded with `seed`; returns x_0..x_N.
// `noise_in_the_ball` plants a classic bug: xi uniform in the ball of radius
// `radius` (perturbed GD's law) instead of on its sphere.
inline std::vector<std::vector<double>> noisy_gradient_descent(const Gradient& grad, std::vector<double> x,
                                                               double learning_rate, double radius, long iterations,
                                                               std::uint64_t seed, bool noise_in_the_ball = false) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> normal;
  std::uniform_real_distribution<double> uniform;
  std::vector<std::vector<double>> path{x};
  std::vector<double> xi(x.size());
  for (long t = 0; t < iterations; ++t) {
    double squared = 0;
    for (double& entry : xi) {
      entry = normal(rng);
      squared += entry * entry;
    }
    double scale = radius / std::sqrt(squared);
    if (noise_in_the_ball) scale *= std::pow(uniform(rng), 1.0 / static_cast<double>(x.size()));
    const std::vector<double> g = grad(x);
    for (std::size_t i = 0; i < x.size(); ++i) x[i] -= learning_rate * (g[i] + scale * xi[i]);
    path.push_back(x);
  }
  return path;
}

}  // namespace mylib
